using Cluster.Benchmarks.Soak;

// The soak and fault suite of docs/operations.md: bash scripts/soak.sh [seconds].
var (options, error) = SoakOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

return await SoakRun.RunAsync(options);
