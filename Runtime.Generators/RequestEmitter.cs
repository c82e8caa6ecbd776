using System.Globalization;
using System.Linq;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Writes the request class nested in a proxy for one interface method. The class is internal so the metadata
/// provider can register a factory for it; the receiving process creates it empty from the interface and the
/// method key (formatted by <see cref="MethodKeys"/>) and fills it with <see cref="ArgumentsEmitter"/>'s members.
/// </summary>
internal static class RequestEmitter
{
    private const string CodeGeneration = KnownTypeNames.CodeGenerationNamespace;
    private const string Tasks = "global::System.Threading.Tasks";

    public static void Write(CodeWriter writer, MethodModel method)
    {
        writer.Open("internal sealed class " + method.RequestClassName + " : " + BaseClass(method));
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            // The proxy or ReadArguments always assigns every argument; the initializer only tells the compiler so.
            writer.Line("public " + method.Parameters[i].Type + " Arg" + i.ToString(CultureInfo.InvariantCulture) + " = default!;");
        }

        if (method.Parameters.Count > 0)
        {
            writer.Line();
        }

        writer.Line("public override string InterfaceName => " + Names.Literal(method.InterfaceName) + ";");
        writer.Line();
        writer.Line("public override string MethodName => " + Names.Literal(method.MethodName) + ";");
        writer.Line();
        writer.Line("public override string MethodKey => " + Names.Literal(method.MethodKey) + ";");
        if (method.Options.Count > 0)
        {
            var flags = method.Options.Select(static o => CodeGeneration + ".InvokeMethodOptions." + o);
            writer.Line();
            writer.Line("public override " + CodeGeneration + ".InvokeMethodOptions Options => " + string.Join(" | ", flags) + ";");
        }

        if (method.ResponseTimeoutTicks is { } ticks)
        {
            writer.Line();
            writer.Line("public override global::System.TimeSpan? ResponseTimeout => global::System.TimeSpan.FromTicks(" + ticks.ToString(CultureInfo.InvariantCulture) + "L);");
        }

        if (method.Parameters.Count > 0)
        {
            writer.Line();
            writer.Line("public override int ArgumentCount => " + method.Parameters.Count.ToString(CultureInfo.InvariantCulture) + ";");
            writer.Line();
            WriteGetArgument(writer, method);
        }

        ArgumentsEmitter.Write(writer, method);

        writer.Line();
        WriteInvoke(writer, method);
        writer.Close();
    }

    private static string BaseClass(MethodModel method) => method.Kind switch
    {
        ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT => CodeGeneration + ".Request<" + method.ResultType + ">",
        ReturnKind.AsyncEnumerable => CodeGeneration + ".StreamRequest<" + method.ResultType + ">",
        _ => CodeGeneration + ".VoidRequest",
    };

    private static void WriteGetArgument(CodeWriter writer, MethodModel method)
    {
        // A switch statement rather than a switch expression: arms of different numeric types would be converted
        // to a common type before boxing, and the caller would see a long where the method took an int.
        writer.Open("public override object? GetArgument(int index)");
        writer.Open("switch (index)");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            writer.Line("case " + i.ToString(CultureInfo.InvariantCulture) + ":");
            writer.Line("    return Arg" + i.ToString(CultureInfo.InvariantCulture) + ";");
        }

        writer.Line("default:");
        writer.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(index));");
        writer.Close();
        writer.Close();
    }

    private static void WriteInvoke(CodeWriter writer, MethodModel method)
    {
        var arguments = Enumerable.Range(0, method.Parameters.Count).Select(static i => "Arg" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (method.CancellationTokenName is not null)
        {
            arguments.Add("this.CancellationToken");
        }

        var call = "((" + method.DeclaringInterface + ")target)." + method.Name + "(" + string.Join(", ", arguments) + ")";
        switch (method.Kind)
        {
            case ReturnKind.TaskOfT:
                writer.Line("protected override " + Tasks + ".ValueTask<" + method.ResultType + "> InvokeMethodAsync(object target) => new(" + call + ");");
                break;
            case ReturnKind.ValueTaskOfT:
                writer.Line("protected override " + Tasks + ".ValueTask<" + method.ResultType + "> InvokeMethodAsync(object target) => " + call + ";");
                break;
            case ReturnKind.Task:
                writer.Line("protected override " + Tasks + ".ValueTask InvokeVoidAsync(object target) => new(" + call + ");");
                break;
            case ReturnKind.ValueTask:
                writer.Line("protected override " + Tasks + ".ValueTask InvokeVoidAsync(object target) => " + call + ";");
                break;
            case ReturnKind.AsyncEnumerable:
                writer.Line("protected override global::System.Collections.Generic.IAsyncEnumerable<" + method.ResultType + "> InvokeStream(object target) => " + call + ";");
                break;
            default:
                writer.Open("protected override " + Tasks + ".ValueTask InvokeVoidAsync(object target)");
                writer.Line(call + ";");
                writer.Line("return default;");
                writer.Close();
                break;
        }
    }
}
