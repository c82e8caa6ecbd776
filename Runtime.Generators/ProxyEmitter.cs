using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cluster.Runtime.Generators;

/// <summary>Writes the proxy class of one grain or observer interface.</summary>
internal static class ProxyEmitter
{
    private const string Tasks = "global::System.Threading.Tasks";

    public static string Emit(ProxyModel model)
    {
        var writer = new CodeWriter().FileHeader();
        writer.Open("namespace Cluster.Generated");
        writer.Open("internal sealed class " + model.ProxyName + " : " + KnownTypeNames.CodeGenerationNamespace + ".GrainReference, " + model.InterfaceType);
        writer.Line("public " + model.ProxyName + "(" + KnownTypeNames.CodeGenerationNamespace + ".GrainCallInvoker invoker, global::Cluster.Runtime.Core.GrainId grainId)");
        writer.Line("    : base(invoker, grainId)");
        writer.Line("{");
        writer.Line("}");
        foreach (var method in model.Methods)
        {
            writer.Line();
            WriteMethod(writer, method);
            writer.Line();
            RequestEmitter.Write(writer, method);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteMethod(CodeWriter writer, MethodModel method)
    {
        var signature = method.Parameters.Select(static p => (p.IsParams ? "params " : string.Empty) + p.Type + " " + p.Name).ToList();
        if (method.CancellationTokenName is { } token)
        {
            signature.Add("global::" + KnownTypeNames.CancellationToken + " " + token);
        }

        writer.Open(method.ReturnType + " " + method.DeclaringInterface + "." + method.Name + "(" + string.Join(", ", signature) + ")");
        if (method.Kind == ReturnKind.AsyncEnumerable)
        {
            // Each enumeration of the returned stream sends a new request, so the request is made on demand.
            writer.Line("return InvokeStream<" + method.ResultType + ">(() => " + NewRequest(method) + ");");
            writer.Close();
            return;
        }

        var local = RequestVariable(method);
        writer.Line("var " + local + " = " + NewRequest(method) + ";");
        if (method.IsOneWay)
        {
            writer.Line("InvokeOneWay(" + local + ");");
            if (method.Kind == ReturnKind.Task)
            {
                writer.Line("return " + Tasks + ".Task.CompletedTask;");
            }
            else if (method.Kind == ReturnKind.ValueTask)
            {
                writer.Line("return default;");
            }
        }
        else
        {
            var invoke = "InvokeAsync(" + local + ")";
            writer.Line(method.Kind switch
            {
                ReturnKind.ValueTaskOfT => "return new " + Tasks + ".ValueTask<" + method.ResultType + ">(" + invoke + ");",
                ReturnKind.ValueTask => "return new " + Tasks + ".ValueTask(" + invoke + ");",
                _ => "return " + invoke + ";",
            });
        }

        writer.Close();
    }

    private static string NewRequest(MethodModel method)
    {
        var assignments = new List<string>();
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            assignments.Add("Arg" + i.ToString(CultureInfo.InvariantCulture) + " = " + method.Parameters[i].Name);
        }

        if (method.CancellationTokenName is { } token)
        {
            assignments.Add("CancellationToken = " + token);
        }

        return assignments.Count == 0
            ? "new " + method.RequestClassName + "()"
            : "new " + method.RequestClassName + " { " + string.Join(", ", assignments) + " }";
    }

    /// <summary>A local name that no parameter of the method already uses.</summary>
    private static string RequestVariable(MethodModel method)
    {
        var names = new HashSet<string>(method.Parameters.Select(static p => p.Name.TrimStart('@')));
        if (method.CancellationTokenName is { } token)
        {
            names.Add(token.TrimStart('@'));
        }

        var local = "request";
        while (names.Contains(local))
        {
            local = "_" + local;
        }

        return local;
    }
}
