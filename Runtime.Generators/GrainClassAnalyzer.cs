using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cluster.Runtime.Generators;

/// <summary>Finds grain classes among class declarations and works out how to construct each one.</summary>
internal static class GrainClassAnalyzer
{
    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax { BaseList: not null };

    /// <summary>Returns null for declarations that are not (the primary part of) a concrete grain class.</summary>
    public static AnalysisResult<ActivatorModel>? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = (ClassDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, cancellationToken) is not INamedTypeSymbol type
            || type.IsAbstract
            || !SymbolFacts.IsGrainClass(type)
            || !IsPrimaryDeclaration(type, syntax, cancellationToken))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var sink = new DiagnosticSink(diagnostics, null);
        var location = syntax.Identifier.GetLocation();
        var name = type.ToDisplayString(Names.Short);
        if (SymbolFacts.IsGeneric(type))
        {
            sink.Report(DiagnosticDescriptors.GenericNotSupported, location, "Grain class", name, "class");
        }

        if (SymbolFacts.Inaccessibility(type) is { } reason)
        {
            sink.Report(DiagnosticDescriptors.InaccessibleType, location, "Grain class", name, reason);
        }

        var constructor = ChooseConstructor(type, name, location, sink);
        var arguments = new List<string>();
        var storageNames = new List<string>();
        if (constructor is not null)
        {
            foreach (var parameter in constructor.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                arguments.Add(ArgumentFor(parameter, arguments.Count, name, storageNames, sink));
            }
        }

        var model = sink.ErrorCount > 0
            ? null
            : new ActivatorModel(type.ToDisplayString(Names.Qualified), arguments.ToEquatableArray(), storageNames.ToEquatableArray());
        return new AnalysisResult<ActivatorModel>(model, diagnostics.ToEquatableArray());
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, string name, Location location, DiagnosticSink sink)
    {
        var constructors = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (constructors.Count == 0)
        {
            sink.Report(DiagnosticDescriptors.InvalidGrainConstructor, location, name, "has no public constructor", "Make one constructor public so the runtime can construct the grain.");
            return null;
        }

        var most = constructors.Max(static c => c.Parameters.Length);
        var widest = constructors.Where(c => c.Parameters.Length == most).ToList();
        if (widest.Count > 1)
        {
            var count = widest.Count.ToString(CultureInfo.InvariantCulture);
            var parameters = most.ToString(CultureInfo.InvariantCulture);
            sink.Report(DiagnosticDescriptors.InvalidGrainConstructor, location, name, "has " + count + " public constructors with " + parameters + " parameters", "Keep exactly one public constructor with the most parameters, so the runtime knows which one to call.");
            return null;
        }

        var constructor = widest[0];
        foreach (var parameter in constructor.Parameters.Where(static p => p.RefKind is not (RefKind.None or RefKind.In)))
        {
            sink.Report(DiagnosticDescriptors.InvalidGrainConstructor, parameter.Locations.FirstOrDefault() ?? location, name, "takes constructor parameter '" + parameter.Name + "' by reference", "Take it by value: the runtime passes services and state, which it cannot return through a reference.");
        }

        return constructor;
    }

    private static string ArgumentFor(IParameterSymbol parameter, int index, string grainName, List<string> storageNames, DiagnosticSink sink)
    {
        if (SymbolFacts.FindAttribute(parameter, KnownTypeNames.PersistentStateAttribute) is { } attribute)
        {
            return PersistentStateArgument(parameter, attribute, grainName, storageNames, sink);
        }

        if (parameter.Type.ToDisplayString() == KnownTypeNames.ActivationContext)
        {
            return "ctx";
        }

        return ServiceArgument.For(parameter, index);
    }

    private static string PersistentStateArgument(IParameterSymbol parameter, AttributeData attribute, string grainName, List<string> storageNames, DiagnosticSink sink)
    {
        var location = parameter.Locations.FirstOrDefault();
        var arguments = attribute.ConstructorArguments;
        var stateName = arguments.Length > 0 ? arguments[0].Value as string : null;
        var storageName = (arguments.Length > 1 ? arguments[1].Value as string : null) ?? KnownTypeNames.DefaultStorageName;
        if (string.IsNullOrEmpty(stateName))
        {
            sink.Report(DiagnosticDescriptors.InvalidPersistentState, location, grainName, parameter.Name, "does not name the state", "Pass the state's name, as in [PersistentState(\"profile\")].");
            return string.Empty;
        }

        if (parameter.Type is not INamedTypeSymbol named || named.OriginalDefinition.ToDisplayString() != KnownTypeNames.PersistentStateInterface)
        {
            sink.Report(DiagnosticDescriptors.InvalidPersistentState, location, grainName, parameter.Name, "has type '" + parameter.Type.ToDisplayString() + "', not IPersistentState<TState>", "Declare the parameter as IPersistentState<TState>, where TState is the state class.");
            return string.Empty;
        }

        var state = named.TypeArguments[0];
        if (StateTypeProblem(state) is { } problem)
        {
            var stateTypeName = state.ToDisplayString();
            sink.Report(DiagnosticDescriptors.InvalidPersistentState, location, grainName, parameter.Name, "its state type '" + stateTypeName + "' " + problem, "Give '" + stateTypeName + "' a public parameterless constructor, or use a public or internal class or struct that has one.");
            return string.Empty;
        }

        if (!storageNames.Contains(storageName))
        {
            storageNames.Add(storageName);
        }

        var stateType = state.ToDisplayString(Names.Qualified);
        var creatable = state.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Names.Qualified);
        return "ctx.GetPersistentState<" + stateType + ">(" + Names.Literal(stateName!) + ", " + Names.Literal(storageName) + ", static () => new " + creatable + "())";
    }

    private static string? StateTypeProblem(ITypeSymbol state)
    {
        if (state is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return "is not a class or struct";
        }

        if (named.IsAbstract || named.IsStatic)
        {
            return "is abstract";
        }

        if (SymbolFacts.Inaccessibility(named) is { } reason)
        {
            return "is " + reason;
        }

        var accessible = named.TypeKind == TypeKind.Struct
            || named.InstanceConstructors.Any(static c => c.Parameters.Length == 0 && SymbolFacts.IsAccessibleInAssembly(c.DeclaredAccessibility));
        return accessible ? null : "has no public parameterless constructor";
    }

    private static bool IsPrimaryDeclaration(INamedTypeSymbol type, ClassDeclarationSyntax syntax, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<ClassDeclarationSyntax>()
            .FirstOrDefault(static declaration => declaration.BaseList is not null) == syntax;
}
