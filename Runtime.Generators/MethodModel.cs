using System.Linq;

namespace Cluster.Runtime.Generators;

/// <summary>One interface method the proxy implements, with everything its request class needs.</summary>
/// <param name="Name">The method name as written in code (escaped when it is a keyword).</param>
/// <param name="MethodName">The method name reported by the request.</param>
/// <param name="MethodKey">The method's name and parameter types, which identify it within its interface on the wire (see <see cref="MethodKeys"/>).</param>
/// <param name="RequestClassName">The nested request class, unique within the proxy.</param>
/// <param name="DeclaringInterface">The fully qualified interface that declares the method.</param>
/// <param name="InterfaceName">The declaring interface's full name without <c>global::</c>.</param>
/// <param name="Kind">The shape of the result.</param>
/// <param name="ReturnType">The fully qualified return type.</param>
/// <param name="ResultType">The awaited or streamed item type; null for Task, ValueTask and void.</param>
/// <param name="Parameters">The arguments, without the cancellation token.</param>
/// <param name="CancellationTokenName">The trailing CancellationToken parameter's name, or null.</param>
/// <param name="Options">The InvokeMethodOptions member names that apply.</param>
/// <param name="ResponseTimeoutTicks">The [ResponseTimeout], when present.</param>
internal sealed record MethodModel(
    string Name,
    string MethodName,
    string MethodKey,
    string RequestClassName,
    string DeclaringInterface,
    string InterfaceName,
    ReturnKind Kind,
    string ReturnType,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationTokenName,
    EquatableArray<string> Options,
    long? ResponseTimeoutTicks)
{
    public bool IsOneWay => Options.Contains("OneWay");
}
