namespace Cluster.Runtime.Generators;

/// <summary>Names of the pipeline steps, so tests can check which steps the driver reused.</summary>
internal static class TrackingNames
{
    public const string CompilationInfo = nameof(CompilationInfo);
    public const string Interfaces = nameof(Interfaces);
    public const string Proxies = nameof(Proxies);
    public const string GrainClasses = nameof(GrainClasses);
    public const string Activators = nameof(Activators);
    public const string Registrations = nameof(Registrations);
}
