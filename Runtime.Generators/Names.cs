using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cluster.Runtime.Generators;

/// <summary>How symbols are spelled in generated code and in diagnostics.</summary>
internal static class Names
{
    /// <summary>Fully qualified with <c>global::</c> and nullable annotations, so signatures match the interface exactly.</summary>
    public static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The plain full name reported by requests, such as <c>MyApp.IUserGrain</c>.</summary>
    public static readonly SymbolDisplayFormat FullName = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>A type name with its containing types but no namespace, for messages: <c>IFoo</c> or <c>Outer.IFoo</c>.</summary>
    public static readonly SymbolDisplayFormat Short = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>
    /// Turns a dotted name into an identifier. '_' becomes "_0" and '.' becomes '_': no name segment starts with a
    /// digit, so distinct names never map to the same identifier.
    /// </summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        foreach (var character in name)
        {
            if (character == '_')
            {
                builder.Append("_0");
            }
            else if (SyntaxFacts.IsIdentifierPartCharacter(character))
            {
                builder.Append(character);
            }
            else
            {
                builder.Append('_');
            }
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    public static string Member(ISymbol member) => member.ContainingType.ToDisplayString(Short) + "." + member.Name;

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
