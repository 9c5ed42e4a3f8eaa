/* A shared object that is no plugin at all. */
int tp_not_a_plugin(int x);
int tp_not_a_plugin(int x)
{
	return x + 1;
}
