using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Builds the key that names a method within its interface on the wire (<c>Request.MethodKey</c>): a sender and a
/// receiver built separately must compute the same key from the same declaration, so the format depends only on
/// what distinguishes C# overloads.
/// </summary>
/// <remarks>
/// <para>Format: <c>Name(Type1,Type2,...)</c> with no spaces, for example
/// <c>RenameAsync(System.String,System.Collections.Generic.List&lt;System.Int32&gt;,System.Threading.CancellationToken)</c>.</para>
/// <list type="bullet">
/// <item>The name is the method's metadata name, without the <c>@</c> of an escaped keyword.</item>
/// <item>Every parameter is listed, a trailing <c>CancellationToken</c> included, so adding or removing one changes the key.</item>
/// <item>Types are namespace-qualified without <c>global::</c>, by their metadata names rather than C# keywords
/// (<c>System.Int32</c>, not <c>int</c>); nested types follow their containing type after a dot
/// (<c>MyApp.Outer.Nested</c>), and generic arguments follow in angle brackets separated by commas.</item>
/// <item>Nullable reference annotations are left out, since they do not distinguish overloads; a nullable value
/// type is the struct it is (<c>System.Nullable&lt;System.Int32&gt;</c>).</item>
/// <item>Arrays are written as <c>Type.ToString()</c> writes them: the element type, then the brackets, with a comma
/// per extra dimension (<c>System.Int32[]</c>, <c>System.Int32[,]</c>; C#'s jagged <c>int[][,]</c>, an array of
/// two-dimensional arrays, is <c>System.Int32[,][]</c>).</item>
/// <item>Tuples are their <c>System.ValueTuple</c> types (element names do not distinguish overloads), and
/// <c>dynamic</c> is <c>System.Object</c>.</item>
/// </list>
/// </remarks>
internal static class MethodKeys
{
    public static string For(IMethodSymbol method)
    {
        var builder = new StringBuilder(method.Name).Append('(');
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendType(builder, method.Parameters[i].Type);
        }

        return builder.Append(')').ToString();
    }

    private static void AppendType(StringBuilder builder, ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AppendArray(builder, array);
                break;
            case IDynamicTypeSymbol:
                builder.Append("System.Object");
                break;
            case INamedTypeSymbol { IsTupleType: true, TupleUnderlyingType: { } underlying }:
                AppendNamed(builder, underlying);
                break;
            case INamedTypeSymbol named:
                AppendNamed(builder, named);
                break;
            default:
                // Type parameters, pointers and error types are rejected or fail the build elsewhere; the display
                // string keeps the key readable in the messages of that failed build.
                builder.Append(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
                break;
        }
    }

    private static void AppendArray(StringBuilder builder, IArrayTypeSymbol array)
    {
        // The element's own brackets come first, as in Type.ToString(): the reverse of C#'s order for jagged arrays.
        AppendType(builder, array.ElementType);
        builder.Append('[').Append(',', array.Rank - 1).Append(']');
    }

    private static void AppendNamed(StringBuilder builder, INamedTypeSymbol named)
    {
        if (named.ContainingType is { } containing)
        {
            AppendNamed(builder, containing);
            builder.Append('.');
        }
        else if (named.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            AppendNamespace(builder, ns);
            builder.Append('.');
        }

        builder.Append(named.Name);
        if (named.TypeArguments.Length > 0)
        {
            builder.Append('<');
            for (var i = 0; i < named.TypeArguments.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                AppendType(builder, named.TypeArguments[i]);
            }

            builder.Append('>');
        }
    }

    private static void AppendNamespace(StringBuilder builder, INamespaceSymbol ns)
    {
        var names = new Stack<string>();
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            names.Push(current.Name);
        }

        builder.Append(string.Join(".", names.ToArray()));
    }
}
