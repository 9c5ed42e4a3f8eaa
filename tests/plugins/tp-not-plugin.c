// SPDX-License-Identifier: BSD-3-Clause
/* A shared object that is no plugin at all. */
int tp_not_a_plugin(int x);
int tp_not_a_plugin(int x)
{
	return x + 1;
}
