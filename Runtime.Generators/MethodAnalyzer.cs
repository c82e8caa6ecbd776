using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cluster.Runtime.Generators;

/// <summary>Checks one grain or observer interface method against the rules of grain calls and describes it.</summary>
internal static class MethodAnalyzer
{
    private const string GrainReturnTypes = "Grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or IAsyncEnumerable<T>";
    private const string ObserverReturnTypes = "Observer methods must return Task, Task<T>, ValueTask, ValueTask<T> or void";

    /// <summary>Returns the method's model, or null after reporting why it cannot be called through a proxy.</summary>
    public static MethodModel? Analyze(IMethodSymbol method, bool isObserver, int index, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var errorsBefore = sink.ErrorCount;
        var name = Names.Member(method);
        var location = method.Locations.FirstOrDefault();
        if (method.IsGenericMethod)
        {
            sink.Report(DiagnosticDescriptors.GenericNotSupported, location, "Method", name, "method");
        }

        var (kind, resultType) = ClassifyReturn(method, isObserver, name, location, sink);
        var options = ReadOptions(method, kind, name, location, sink);
        var timeoutTicks = ReadResponseTimeout(method, name, location, sink, cancellationToken);
        var (parameters, cancellationTokenName) = ReadParameters(method, name, sink);
        if (sink.ErrorCount != errorsBefore)
        {
            return null;
        }

        var declaring = method.ContainingType;
        return new MethodModel(
            Names.Escape(method.Name),
            method.Name,
            MethodKeys.For(method),
            method.Name + "_" + index.ToString(CultureInfo.InvariantCulture) + "_Request",
            declaring.ToDisplayString(Names.Qualified),
            declaring.ToDisplayString(Names.FullName),
            kind,
            method.ReturnType.ToDisplayString(Names.Qualified),
            resultType?.ToDisplayString(Names.Qualified),
            parameters.ToEquatableArray(),
            cancellationTokenName,
            options.ToEquatableArray(),
            timeoutTicks);
    }

    private static (ReturnKind Kind, ITypeSymbol? ResultType) ClassifyReturn(
        IMethodSymbol method, bool isObserver, string name, Location? location, DiagnosticSink sink)
    {
        var allowed = isObserver ? ObserverReturnTypes : GrainReturnTypes;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedReturnType, location, name, "ref " + method.ReturnType.ToDisplayString(), allowed, "Task<" + method.ReturnType.ToDisplayString() + ">");
            return (ReturnKind.Task, null);
        }

        if (method.ReturnsVoid)
        {
            if (!isObserver)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedReturnType, location, name, "void", allowed, "Task");
            }

            return (ReturnKind.Void, null);
        }

        var returnType = method.ReturnType;
        if (returnType is INamedTypeSymbol named)
        {
            switch (named.OriginalDefinition.ToDisplayString())
            {
                case KnownTypeNames.Task:
                    return (ReturnKind.Task, null);
                case KnownTypeNames.TaskOfT:
                    return (ReturnKind.TaskOfT, named.TypeArguments[0]);
                case KnownTypeNames.ValueTask:
                    return (ReturnKind.ValueTask, null);
                case KnownTypeNames.ValueTaskOfT:
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
                case KnownTypeNames.AsyncEnumerable:
                    if (isObserver)
                    {
                        sink.Report(DiagnosticDescriptors.StreamOnObserver, location, name, method.ContainingType.ToDisplayString(Names.Short), returnType.ToDisplayString());
                    }

                    return (ReturnKind.AsyncEnumerable, named.TypeArguments[0]);
            }
        }

        sink.Report(DiagnosticDescriptors.UnsupportedReturnType, location, name, returnType.ToDisplayString(), allowed, "Task<" + returnType.ToDisplayString() + ">");
        return (ReturnKind.Task, null);
    }

    private static List<string> ReadOptions(IMethodSymbol method, ReturnKind kind, string name, Location? location, DiagnosticSink sink)
    {
        var options = new List<string>();
        var oneWay = SymbolFacts.FindAttribute(method, KnownTypeNames.OneWayAttribute);
        if (oneWay is not null && kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT or ReturnKind.AsyncEnumerable)
        {
            sink.Report(DiagnosticDescriptors.OneWayWithResult, AttributeLocation(oneWay) ?? location, name, method.ReturnType.ToDisplayString());
        }

        // A void observer method has nothing to wait for, so it is always sent one-way.
        if (oneWay is not null || kind == ReturnKind.Void)
        {
            options.Add("OneWay");
        }

        if (SymbolFacts.HasAttribute(method, KnownTypeNames.ReadOnlyAttribute))
        {
            options.Add("ReadOnly");
        }

        if (SymbolFacts.HasAttribute(method, KnownTypeNames.AlwaysInterleaveAttribute))
        {
            options.Add("AlwaysInterleave");
        }

        return options;
    }

    private static long? ReadResponseTimeout(IMethodSymbol method, string name, Location? location, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var attribute = SymbolFacts.FindAttribute(method, KnownTypeNames.ResponseTimeoutAttribute);
        if (attribute is null)
        {
            return null;
        }

        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var attributeLocation = syntax?.GetLocation() ?? location;
        var argumentText = syntax?.ArgumentList?.Arguments.ToString() ?? string.Empty;
        var argument = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0] : default;
        if (argument.Kind != TypedConstantKind.Primitive || argument.Value is not string text)
        {
            sink.Report(DiagnosticDescriptors.InvalidResponseTimeout, attributeLocation, name, argumentText, "whose argument is not a constant string");
            return null;
        }

        // The runtime parses the same string with TimeSpan.Parse and the invariant culture; parsing here turns a
        // typo into a build error instead of a TypeInitializationException on the first call.
        // TimeSpan.Parse reads a bare number as days, so "30" would silently mean a month: require hh:mm[:ss].
        if (text.IndexOf(':') < 0)
        {
            sink.Report(DiagnosticDescriptors.InvalidResponseTimeout, attributeLocation, name, argumentText, "which is not in hh:mm:ss form");
            return null;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout))
        {
            sink.Report(DiagnosticDescriptors.InvalidResponseTimeout, attributeLocation, name, argumentText, "which is not a valid time span");
            return null;
        }

        if (timeout <= TimeSpan.Zero)
        {
            sink.Report(DiagnosticDescriptors.InvalidResponseTimeout, attributeLocation, name, argumentText, "which is not positive");
            return null;
        }

        return timeout.Ticks;
    }

    private static (List<ParameterModel> Parameters, string? CancellationTokenName) ReadParameters(IMethodSymbol method, string name, DiagnosticSink sink)
    {
        var parameters = new List<ParameterModel>();
        string? cancellationTokenName = null;
        var sawCancellationToken = false;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var location = parameter.Locations.FirstOrDefault() ?? method.Locations.FirstOrDefault();
            if (CopyProblem(parameter) is { } problem)
            {
                sink.Report(DiagnosticDescriptors.ParameterNotByValue, location, name, parameter.Name, problem);
            }

            if (SymbolFacts.IsCancellationToken(parameter.Type))
            {
                if (sawCancellationToken)
                {
                    sink.Report(DiagnosticDescriptors.MisplacedCancellationToken, location, name, parameter.Name, "is not the only CancellationToken parameter");
                }
                else if (i != method.Parameters.Length - 1)
                {
                    sink.Report(DiagnosticDescriptors.MisplacedCancellationToken, location, name, parameter.Name, "is not the last parameter");
                }
                else
                {
                    cancellationTokenName = Names.Escape(parameter.Name);
                }

                sawCancellationToken = true;
                continue;
            }

            parameters.Add(new ParameterModel(Names.Escape(parameter.Name), parameter.Type.ToDisplayString(Names.Qualified), parameter.IsParams, parameter.Type.TypeKind == TypeKind.Dynamic));
        }

        return (parameters, cancellationTokenName);
    }

    private static string? CopyProblem(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            var keyword = parameter.RefKind switch
            {
                RefKind.Ref => "ref",
                RefKind.Out => "out",
                RefKind.In => "in",
                _ => "ref readonly",
            };
            return "is declared '" + keyword + "'";
        }

        if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return "has pointer type '" + parameter.Type.ToDisplayString() + "'";
        }

        return parameter.Type.IsRefLikeType
            ? "has type '" + parameter.Type.ToDisplayString() + "', a ref struct that cannot leave the caller's stack"
            : null;
    }

    private static Location? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;
}
