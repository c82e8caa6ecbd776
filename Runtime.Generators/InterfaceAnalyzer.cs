using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cluster.Runtime.Generators;

/// <summary>Finds grain and observer interfaces among interface declarations and checks every method a proxy must implement.</summary>
internal static class InterfaceAnalyzer
{
    public static bool IsCandidate(SyntaxNode node) => node is InterfaceDeclarationSyntax { BaseList: not null };

    /// <summary>Returns null for declarations that are not (the primary part of) a grain or observer interface.</summary>
    public static AnalysisResult<ProxyModel>? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, cancellationToken) is not INamedTypeSymbol type
            || SymbolFacts.IsMarkerInterface(type))
        {
            return null;
        }

        var isGrain = SymbolFacts.IsGrainInterface(type);
        var isObserver = SymbolFacts.IsObserverInterface(type);
        if ((!isGrain && !isObserver) || !IsPrimaryDeclaration(type, syntax, cancellationToken))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var sink = new DiagnosticSink(diagnostics, null);
        var location = syntax.Identifier.GetLocation();
        var name = type.ToDisplayString(Names.Short);
        if (isGrain && !SymbolFacts.HasKeyInterface(type) && !SymbolFacts.IsRemindable(type))
        {
            sink.Report(DiagnosticDescriptors.MissingKeyInterface, location, name);
        }

        if (SymbolFacts.IsGeneric(type))
        {
            sink.Report(DiagnosticDescriptors.GenericNotSupported, location, "Grain interface", name, "interface");
        }

        if (SymbolFacts.Inaccessibility(type) is { } reason)
        {
            sink.Report(DiagnosticDescriptors.InaccessibleType, location, "Interface", name, reason);
        }

        var methods = new List<(IMethodSymbol Symbol, MethodModel Model)>();
        var hasErrors = sink.ErrorCount > 0;
        foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
        {
            if (SymbolFacts.IsMarkerInterface(declaring))
            {
                continue;
            }

            var memberSink = SinkFor(declaring, type, diagnostics, location);
            var observerRules = IsProxied(declaring) ? SymbolFacts.IsObserverInterface(declaring) : isObserver;
            foreach (var member in declaring.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                AnalyzeMember(member, observerRules, methods, memberSink, cancellationToken);
            }

            hasErrors |= memberSink.ErrorCount > 0;
        }

        var model = hasErrors ? null : CreateModel(type, methods);
        return new AnalysisResult<ProxyModel>(model, diagnostics.ToEquatableArray());
    }

    private static DiagnosticSink SinkFor(INamedTypeSymbol declaring, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, Location location)
    {
        if (declaring.Equals(type, SymbolEqualityComparer.Default))
        {
            return new DiagnosticSink(diagnostics, null);
        }

        // Another grain interface reports its own members (here, or in the build of its assembly). A plain base
        // interface has no proxy of its own, so its members are reported here, on the interface that inherits them.
        return IsProxied(declaring) ? new DiagnosticSink(null, null) : new DiagnosticSink(diagnostics, location);
    }

    private static bool IsProxied(INamedTypeSymbol type) =>
        SymbolFacts.IsGrainInterface(type) || SymbolFacts.IsObserverInterface(type);

    private static void AnalyzeMember(ISymbol member, bool observerRules, List<(IMethodSymbol Symbol, MethodModel Model)> methods, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        if (member.IsStatic)
        {
            // Static members with bodies are helpers; static abstract ones would make the interface unusable as a type argument.
            if (member.IsAbstract || member.IsVirtual)
            {
                sink.Report(DiagnosticDescriptors.NonMethodMember, member.Locations.FirstOrDefault(), "Static abstract member", Names.Member(member), member.ContainingType.ToDisplayString(Names.Short));
            }

            return;
        }

        switch (member)
        {
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when method.IsAbstract || method.IsVirtual:
                if (MethodAnalyzer.Analyze(method, observerRules, methods.Count, sink, cancellationToken) is { } model)
                {
                    methods.Add((method, model));
                }

                break;
            case IPropertySymbol property:
                sink.Report(DiagnosticDescriptors.NonMethodMember, property.Locations.FirstOrDefault(), property.IsIndexer ? "Indexer" : "Property", Names.Member(property), property.ContainingType.ToDisplayString(Names.Short));
                break;
            case IEventSymbol @event:
                sink.Report(DiagnosticDescriptors.NonMethodMember, @event.Locations.FirstOrDefault(), "Event", Names.Member(@event), @event.ContainingType.ToDisplayString(Names.Short));
                break;
        }
    }

    /// <summary>Only the first part of a partial interface that has a base list yields a model, so each interface is analysed once.</summary>
    private static bool IsPrimaryDeclaration(INamedTypeSymbol type, InterfaceDeclarationSyntax syntax, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<InterfaceDeclarationSyntax>()
            .FirstOrDefault(static declaration => declaration.BaseList is not null) == syntax;

    private static ProxyModel CreateModel(INamedTypeSymbol type, List<(IMethodSymbol Symbol, MethodModel Model)> methods)
    {
        var sanitized = Names.Sanitize(type.ToDisplayString(Names.FullName));
        return new ProxyModel(
            type.ToDisplayString(Names.Qualified),
            sanitized + "_Proxy",
            sanitized + ".g.cs",
            methods.Select(static method => method.Model).ToEquatableArray(),
            RequestRegistrationAnalyzer.Analyze(type, methods).ToEquatableArray());
    }
}
