using System.Globalization;

namespace Cluster.Runtime.Generators;

/// <summary>
/// Writes the members of a request class that carry its arguments across processes as one JSON array, in
/// parameter order and without the cancellation token. Each argument goes through <c>JsonSerializer</c> with its
/// declared type, so converters and polymorphism configured in the runtime's options apply as they would to a
/// value of that type.
/// </summary>
internal static class ArgumentsEmitter
{
    private const string Json = "global::System.Text.Json";

    /// <summary>Writes nothing for a method without arguments: the base class reads and writes an empty array.</summary>
    public static void Write(CodeWriter writer, MethodModel method)
    {
        if (method.Parameters.Count == 0)
        {
            return;
        }

        writer.Line();
        WriteArguments(writer, method);
        writer.Line();
        ReadArguments(writer, method);
        writer.Line();
        WriteMismatch(writer, method);
    }

    private static void WriteArguments(CodeWriter writer, MethodModel method)
    {
        writer.Open("public override void WriteArguments(" + Json + ".Utf8JsonWriter writer, " + Json + ".JsonSerializerOptions options)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        writer.Line("writer.WriteStartArray();");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            var value = parameter.IsDynamic ? "(object?)" + Field(i) : Field(i);
            writer.Line(Json + ".JsonSerializer.Serialize<" + SerializedType(parameter) + ">(writer, " + value + ", options);");
        }

        writer.Line("writer.WriteEndArray();");
        writer.Close();
    }

    private static void ReadArguments(CodeWriter writer, MethodModel method)
    {
        // The reader starts on the StartArray token and ends on the EndArray token, as JsonSerializer leaves a
        // reader after any value, so the caller can go on reading whatever encloses the array.
        writer.Open("public override void ReadArguments(ref " + Json + ".Utf8JsonReader reader, " + Json + ".JsonSerializerOptions options)");
        writer.Open("if (reader.TokenType != " + Json + ".JsonTokenType.StartArray)");
        writer.Line("throw ArgumentsMismatch(reader.TokenType.ToString());");
        writer.Close();
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            writer.Line();
            writer.Open("if (!reader.Read() || reader.TokenType == " + Json + ".JsonTokenType.EndArray)");
            writer.Line("throw ArgumentsMismatch(" + Names.Literal(Count(i, "element")) + ");");
            writer.Close();
            writer.Line();
            writer.Line(Field(i) + " = " + Json + ".JsonSerializer.Deserialize<" + SerializedType(method.Parameters[i]) + ">(ref reader, options)!;");
        }

        writer.Line();
        writer.Open("if (!reader.Read() || reader.TokenType != " + Json + ".JsonTokenType.EndArray)");
        writer.Line("throw ArgumentsMismatch(\"more elements\");");
        writer.Close();
        writer.Close();
    }

    private static void WriteMismatch(CodeWriter writer, MethodModel method)
    {
        var count = method.Parameters.Count;
        var expected = " takes " + Count(count, "argument") + "; expected a JSON array of " + Count(count, "element") + " but found ";
        writer.Line("private " + Json + ".JsonException ArgumentsMismatch(string found) => new(this.ToString() + " + Names.Literal(expected) + " + found + \".\");");
    }

    /// <summary>A <c>dynamic</c> argument would make the call dynamically bound, a needless runtime binder lookup per call.</summary>
    private static string SerializedType(ParameterModel parameter) => parameter.IsDynamic ? "object?" : parameter.Type;

    private static string Field(int index) => "Arg" + index.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
