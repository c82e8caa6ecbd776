using BenchmarkDotNet.Running;
using Cluster.Runtime.Benchmarks;

if (args is ["--activation-memory", ..])
{
    await ActivationMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}

if (args is ["--call-allocations", ..])
{
    await CallAllocations.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LocalCallBenchmarks).Assembly).Run(args);
