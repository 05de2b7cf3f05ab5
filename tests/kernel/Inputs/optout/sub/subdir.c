#include <linux/module.h>

int sb_subdir(int x);
int sb_subdir(int x)
{
	return x + 1;
}

MODULE_LICENSE("GPL");
