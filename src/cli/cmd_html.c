/* evgraph html */
typedef int cmd_html_placeholder;
