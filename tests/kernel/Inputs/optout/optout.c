#include <linux/module.h>

int sb_optout(int x);
int sb_optout(int x)
{
	return x + 1;
}

MODULE_LICENSE("GPL");
