using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Cluster.Runtime.Activation;

/// <summary>
/// Finds the assemblies of the application that carry generated grain metadata. The compiler drops references
/// to assemblies whose types a project never names, so a host that only references a grain project (the API
/// host co-hosting a silo, a test project) cannot find it by following references: the application's folder is
/// read instead, opening only the assemblies whose metadata references the runtime.
/// </summary>
internal static class GrainAssemblyDiscovery
{
    private static readonly string RuntimeAssemblyName = typeof(GrainAssemblyDiscovery).Assembly.GetName().Name!;

    public static IReadOnlyList<Assembly> Discover()
    {
        var found = AppDomain.CurrentDomain.GetAssemblies().Where(HasGrainMetadata).ToHashSet();
        foreach (var path in System.IO.Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            if (!ReferencesRuntime(path))
            {
                continue;
            }

            try
            {
                var assembly = Assembly.Load(AssemblyName.GetAssemblyName(path));
                if (HasGrainMetadata(assembly))
                {
                    found.Add(assembly);
                }
            }
            catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                // Not loadable in this process (another platform's build, a satellite): it holds no grains we can run.
            }
        }

        return [.. found];
    }

    private static bool HasGrainMetadata(Assembly assembly) =>
        !assembly.IsDynamic && assembly.IsDefined(typeof(CodeGeneration.GrainMetadataProviderAttribute));

    private static bool ReferencesRuntime(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            if (!reader.HasMetadata)
            {
                return false;
            }

            var metadata = reader.GetMetadataReader();
            return metadata.IsAssembly && metadata.AssemblyReferences
                .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
                .Contains(RuntimeAssemblyName, StringComparer.Ordinal);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
