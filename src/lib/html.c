/* the html page: see include/evgraph/html.h */
typedef int evg__html_placeholder;
