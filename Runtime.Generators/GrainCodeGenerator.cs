using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Generates a proxy for every grain and observer interface, an activator for every grain class, and one
/// metadata provider that registers them with the runtime. Declarations in referenced assemblies are left to the
/// build of those assemblies.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var compilationInfo = context.CompilationProvider
            .Select(static (compilation, _) => CompilationInfo.From(compilation))
            .WithTrackingName(TrackingNames.CompilationInfo);

        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => InterfaceAnalyzer.IsCandidate(node), InterfaceAnalyzer.Analyze)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Interfaces);

        var grainClasses = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => GrainClassAnalyzer.IsCandidate(node), GrainClassAnalyzer.Analyze)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.GrainClasses);

        context.RegisterSourceOutput(interfaces.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);
        context.RegisterSourceOutput(grainClasses.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);

        // Proxies derive from runtime types: a compilation that only mimics the runtime's names gets none.
        var proxies = interfaces
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .Combine(compilationInfo)
            .Where(static pair => pair.Right.ReferencesRuntime)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.Proxies);
        context.RegisterSourceOutput(proxies, static (output, proxy) => output.AddSource(proxy.HintName, ProxyEmitter.Emit(proxy)));

        var activators = grainClasses
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Activators);

        var registrations = proxies
            .Select(static (proxy, _) => proxy.ToRegistration())
            .Collect()
            .Combine(activators.Collect())
            .Combine(compilationInfo)
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (output, input) =>
        {
            var ((proxyList, activatorList), info) = input;
            if (!info.ReferencesRuntime || (proxyList.IsEmpty && activatorList.IsEmpty))
            {
                return;
            }

            output.AddSource(MetadataProviderEmitter.HintName, MetadataProviderEmitter.Emit(info.ProviderName, proxyList, activatorList));
        });
    }

    private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
