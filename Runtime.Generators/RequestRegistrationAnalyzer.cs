using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Decides under which interfaces a proxy registers each method's request factory. A receiver looks a request up
/// by an interface and a method key; a sender may name the interface that declares the method or any grain
/// interface that inherits it, so the method is registered under each of them that the proxy implements.
/// </summary>
internal static class RequestRegistrationAnalyzer
{
    /// <summary>The registrations of every method of <paramref name="type"/>'s proxy.</summary>
    /// <param name="type">The proxied interface.</param>
    /// <param name="methods">Every method the proxy implements, with its model.</param>
    public static List<RequestRegistration> Analyze(INamedTypeSymbol type, IReadOnlyList<(IMethodSymbol Symbol, MethodModel Model)> methods)
    {
        var registrations = new List<RequestRegistration>();
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            // AddRequest<T> requires an addressable T, so a plain base interface's methods are registered only
            // under the grain interfaces that inherit them.
            if (SymbolFacts.IsMarkerInterface(candidate) || !IsAddressable(candidate))
            {
                continue;
            }

            var interfaceType = candidate.ToDisplayString(Names.Qualified);
            var reachable = methods.Where(method => Inherits(candidate, method.Symbol.ContainingType));
            foreach (var sameKey in reachable.GroupBy(static method => method.Model.MethodKey, StringComparer.Ordinal))
            {
                if (Resolve(sameKey.ToList()) is { } chosen)
                {
                    registrations.Add(new RequestRegistration(interfaceType, chosen.MethodKey, chosen.RequestClassName));
                }
            }
        }

        return registrations;
    }

    private static bool IsAddressable(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(static i => SymbolFacts.Is(i, KnownTypeNames.CoreNamespace, KnownTypeNames.AddressableName));

    private static bool Inherits(INamedTypeSymbol type, INamedTypeSymbol declaring) =>
        type.Equals(declaring, SymbolEqualityComparer.Default) || type.AllInterfaces.Contains(declaring, SymbolEqualityComparer.Default);

    /// <summary>
    /// The method a key means when looked up through one interface, as C# member lookup would choose it: a method
    /// declared with <c>new</c> in a derived interface hides the one it shadows. Methods with one key from
    /// unrelated interfaces are ambiguous through the interface that inherits both (a C# caller must cast too), so
    /// none is registered under it; each stays registered under its own declaring interface.
    /// </summary>
    private static MethodModel? Resolve(List<(IMethodSymbol Symbol, MethodModel Model)> sameKey)
    {
        var unhidden = sameKey
            .Where(method => !sameKey.Any(other => other.Symbol.ContainingType.AllInterfaces.Contains(method.Symbol.ContainingType, SymbolEqualityComparer.Default)))
            .ToList();
        return unhidden.Count == 1 ? unhidden[0].Model : null;
    }
}
