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

switch (args)
{
    case ["--metrics-cost", ..]:
        await MetricsCost.RunAsync(
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 64);
        return;
    case ["--dashboard-cost", ..]:
        await DashboardCost.RunAsync(
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 64);
        return;
    case ["--password-hash", ..]:
        PasswordHashCost.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
        return;
    case ["--remote-ping", ..]:
        await RemotePing.RunAsync(
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 32);
        return;
    case ["--serve-silo"]:
        await RemotePing.ServeSiloAsync();
        return;
    case ["--serve-echo"]:
        await RemotePing.ServeEchoAsync();
        return;
    case ["--serve-pipelined-echo"]:
        await RemotePing.ServePipelinedEchoAsync();
        return;
    case ["--scale-out", ..]:
        await ClusterBenchmarks.RunScaleOutAsync(
            TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10),
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1000,
            args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 3);
        return;
    case ["--state-list", ..]:
        await StateListBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50);
        return;
    case ["--failover", ..]:
        await ClusterBenchmarks.RunFailoverAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
        return;
    case ["--cluster-silo", var connectionString, var clusterId, var port]:
        await ClusterProcesses.ServeAsync(connectionString, clusterId, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(LocalCallBenchmarks).Assembly).Run(args);
