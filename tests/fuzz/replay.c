/* Runs a fuzz target once over each file named on the command line (the seed
 * corpus and the crashers found so far), so every build, not only the
 * fuzzing one, checks them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, len = 0, n;
        uint8_t *data = malloc(cap);
        while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                uint8_t *bigger = realloc(data, cap *= 2);
                if (bigger == NULL)
                    free(data);
                data = bigger;
            }
        }
        fclose(f);
        if (data == NULL)
            return 1;
        LLVMFuzzerTestOneInput(data, len);
        free(data);
    }
    printf("%d inputs replayed\n", argc - 1);
    return 0;
}
