using NJsonSchema.Validation;

namespace Cluster.ApiHost.Sockets;

/// <summary>One way <c>data</c> failed its package's schema, as the answer's <c>details</c> list it.</summary>
/// <param name="Path">Where, as a JSON path such as <c>#/per_page</c>.</param>
/// <param name="Error">What, such as <c>IntegerTooBig</c> or <c>PropertyRequired</c>.</param>
public sealed record PackageSchemaError(string Path, string Error)
{
    internal static PackageSchemaError From(ValidationError error) =>
        new(string.IsNullOrEmpty(error.Path) ? "#" : error.Path, error.Kind.ToString());
}
