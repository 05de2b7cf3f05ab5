#include <linux/module.h>

int sb_removed(int x);
int sb_removed(int x)
{
	return x + 1;
}

MODULE_LICENSE("GPL");
