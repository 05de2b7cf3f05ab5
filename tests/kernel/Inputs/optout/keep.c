#include <linux/module.h>

int sb_keep(int x);
int sb_keep(int x)
{
	return x + 1;
}

MODULE_LICENSE("GPL");
