using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cluster.Runtime.Generators;

/// <summary>The expression that resolves a grain constructor parameter from the silo's services.</summary>
internal static class ServiceArgument
{
    private const string Extensions = KnownTypeNames.ServiceProviderExtensions;

    public static string For(IParameterSymbol parameter, int index)
    {
        var type = parameter.Type;
        var display = type.ToDisplayString(Names.Qualified);
        if (parameter.HasExplicitDefaultValue && (parameter.ExplicitDefaultValue is not null || IsNonNullableValueType(type)))
        {
            // GetService<T> would ignore the declared default and throw on a missing value-type service, so the
            // service's type is tested instead and the default applies when it is not registered.
            var serviceType = ServiceType(type).ToDisplayString(Names.Qualified);
            var variable = "service" + index.ToString(CultureInfo.InvariantCulture);
            return "(ctx.Services.GetService(typeof(" + serviceType + ")) is " + serviceType + " " + variable
                + " ? " + variable + " : " + DefaultValue(parameter) + ")";
        }

        return parameter.IsOptional || CanBeNull(type)
            ? Extensions + ".GetService<" + display + ">(ctx.Services)"
            : Extensions + ".GetRequiredService<" + display + ">(ctx.Services)";
    }

    private static bool CanBeNull(ITypeSymbol type) =>
        (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated) || IsNullableValueType(type);

    private static bool IsNullableValueType(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    private static bool IsNonNullableValueType(ITypeSymbol type) => type.IsValueType && !IsNullableValueType(type);

    /// <summary>The type a registered service has: no nullable annotation, and the underlying type of <c>T?</c>.</summary>
    private static ITypeSymbol ServiceType(ITypeSymbol type) =>
        IsNullableValueType(type) && type is INamedTypeSymbol named
            ? named.TypeArguments[0]
            : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

    private static string DefaultValue(IParameterSymbol parameter)
    {
        var target = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Names.Qualified);
        return parameter.ExplicitDefaultValue switch
        {
            null => "default(" + target + ")",
            string text => Names.Literal(text),
            char character => SymbolDisplay.FormatLiteral(character, quote: true),
            bool flag => flag ? "true" : "false",
            double number => "(" + target + ")(" + DoubleLiteral(number) + ")",
            float number => "(" + target + ")(" + SingleLiteral(number) + ")",
            decimal number => "(" + target + ")(" + number.ToString(CultureInfo.InvariantCulture) + "M)",
            var number => "(" + target + ")(" + Convert.ToString(number, CultureInfo.InvariantCulture) + ")",
        };
    }

    private static string DoubleLiteral(double number) => number switch
    {
        double.NaN => "global::System.Double.NaN",
        double.PositiveInfinity => "global::System.Double.PositiveInfinity",
        double.NegativeInfinity => "global::System.Double.NegativeInfinity",
        _ => number.ToString("R", CultureInfo.InvariantCulture) + "D",
    };

    private static string SingleLiteral(float number) => number switch
    {
        float.NaN => "global::System.Single.NaN",
        float.PositiveInfinity => "global::System.Single.PositiveInfinity",
        float.NegativeInfinity => "global::System.Single.NegativeInfinity",
        _ => number.ToString("R", CultureInfo.InvariantCulture) + "F",
    };
}
