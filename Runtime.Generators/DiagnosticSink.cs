using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Collects the errors of one declaration. A sink without a list only counts errors: members of grain
/// interfaces declared elsewhere must block the proxy without being reported twice.
/// </summary>
/// <param name="diagnostics">Where reported errors go, or null to only count them.</param>
/// <param name="locationOverride">A location used instead of the member's own, for members declared outside the analysed declaration.</param>
internal sealed class DiagnosticSink(List<DiagnosticInfo>? diagnostics, Location? locationOverride)
{
    public int ErrorCount { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        ErrorCount++;
        diagnostics?.Add(DiagnosticInfo.Create(descriptor, locationOverride ?? location, arguments));
    }
}
