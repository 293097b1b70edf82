// Each test starts real silo processes and a database of its own; run them one at a time on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
