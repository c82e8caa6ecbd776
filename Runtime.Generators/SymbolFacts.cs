using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>Questions about symbols that the generator's rules ask, answered by name so no contract symbol is kept.</summary>
internal static class SymbolFacts
{
    public static bool Is(ITypeSymbol? type, string containingNamespace, string name) =>
        type is INamedTypeSymbol { Arity: 0 } named
        && named.Name == name
        && named.ContainingType is null
        && named.ContainingNamespace?.ToDisplayString() == containingNamespace;

    /// <summary>The runtime's own marker and key interfaces, which get no proxy.</summary>
    public static bool IsMarkerInterface(INamedTypeSymbol type) =>
        Is(type, KnownTypeNames.CoreNamespace, KnownTypeNames.AddressableName)
        || Is(type, KnownTypeNames.CoreNamespace, KnownTypeNames.GrainInterfaceName)
        || Is(type, KnownTypeNames.CoreNamespace, KnownTypeNames.StringKeyName)
        || Is(type, KnownTypeNames.CoreNamespace, KnownTypeNames.GuidKeyName)
        || Is(type, KnownTypeNames.CoreNamespace, KnownTypeNames.IntegerKeyName)
        || Is(type, KnownTypeNames.ObserversNamespace, KnownTypeNames.ObserverName);

    public static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(static i => Is(i, KnownTypeNames.CoreNamespace, KnownTypeNames.GrainInterfaceName));

    /// <summary>An observer interface that is not also a grain interface: only these may declare void methods.</summary>
    public static bool IsObserverInterface(INamedTypeSymbol type) =>
        !IsGrainInterface(type)
        && type.AllInterfaces.Any(static i => Is(i, KnownTypeNames.ObserversNamespace, KnownTypeNames.ObserverName));

    /// <summary>
    /// The runtime's IRemindable: a capability any grain adds, addressed by the grain id of whichever grain
    /// implements it, so it has no key interface of its own.
    /// </summary>
    public static bool IsRemindable(INamedTypeSymbol type) => Is(type, KnownTypeNames.RemindersNamespace, KnownTypeNames.RemindableName);

    public static bool HasKeyInterface(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(static i =>
            Is(i, KnownTypeNames.CoreNamespace, KnownTypeNames.StringKeyName)
            || Is(i, KnownTypeNames.CoreNamespace, KnownTypeNames.GuidKeyName)
            || Is(i, KnownTypeNames.CoreNamespace, KnownTypeNames.IntegerKeyName));

    public static bool IsGrainClass(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, KnownTypeNames.CoreNamespace, KnownTypeNames.GrainClassName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type or a type containing it has type parameters.</summary>
    public static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why generated code elsewhere in the assembly cannot name the type, or null when it can.</summary>
    public static string? Inaccessibility(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return "file-local";
            }

            if (!IsAccessibleInAssembly(current.DeclaredAccessibility))
            {
                return current.Equals(type, SymbolEqualityComparer.Default)
                    ? Keyword(current.DeclaredAccessibility)
                    : "nested in " + Keyword(current.DeclaredAccessibility) + " type '" + current.Name + "'";
            }
        }

        return null;
    }

    public static bool IsAccessibleInAssembly(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    public static bool HasAttribute(ISymbol symbol, string fullName) => FindAttribute(symbol, fullName) is not null;

    public static AttributeData? FindAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == fullName);

    public static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == KnownTypeNames.CancellationToken;

    private static string Keyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
