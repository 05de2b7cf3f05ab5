/*===- stackbudget.h - Stack entries and budgets written in source -------===*\
 *
 * Include this header and mark functions with
 *
 *   STACK_ENTRY("irq")    the function is an entry point of entry class "irq";
 *                         the profile says which stack that class runs on.
 *   STACK_BUDGET(8192)    the deepest path from this function, its own frame
 *                         included, must fit in 8192 bytes.
 *
 *   STACK_ENTRY("irq") STACK_BUDGET(4096)
 *   void my_irq_handler(int irq, void *dev);
 *
 * The macros expand to __attribute__((stack_entry(...))) and
 * __attribute__((stack_budget(...))) when the stackbudget clang plugin is
 * loaded (clang -fplugin=stackbudget.so): the plugin registers the
 * attributes, so __has_attribute sees them. Without the plugin, and with
 * compilers that do not know them (GCC, clang without the plugin), the
 * macros expand to nothing, so the code builds unchanged.
 *
 * The plugin checks the arguments: a class that is not a string literal of
 * letters, digits, '_', '-' and '.', a budget that is not a positive integer
 * constant, or a mark on anything but a function is a compile error at the
 * mark. See docs/attributes.md.
 *
 * Define STACKBUDGET_NO_ATTRIBUTES before including the header to turn the
 * marks off even with the plugin loaded.
 *
\*===----------------------------------------------------------------------===*/

#ifndef STACKBUDGET_H
#define STACKBUDGET_H

#if !defined(STACKBUDGET_NO_ATTRIBUTES) && defined(__has_attribute)
#if __has_attribute(stack_entry) && __has_attribute(stack_budget)
#define STACKBUDGET_HAS_ATTRIBUTES 1
#endif
#endif

#ifdef STACKBUDGET_HAS_ATTRIBUTES
#define STACK_ENTRY(entry_class) __attribute__((stack_entry(entry_class)))
#define STACK_BUDGET(bytes) __attribute__((stack_budget(bytes)))
#else
#define STACK_ENTRY(entry_class)
#define STACK_BUDGET(bytes)
#endif

#endif /* STACKBUDGET_H */
