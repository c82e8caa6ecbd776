using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators;

/// <summary>The errors the generator reports; each message names the member and says how to fix it.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Cluster.Runtime";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "CLR0001",
        "Unsupported grain method return type",
        "Method '{0}' returns '{1}'. {2}; change the return type to {3}.");

    public static readonly DiagnosticDescriptor ParameterNotByValue = Create(
        "CLR0002",
        "Grain method parameter cannot be copied",
        "Parameter '{1}' of method '{0}' {2}. Arguments are copied to the grain, so changes made there never reach the caller: pass arguments by value and return results instead.");

    public static readonly DiagnosticDescriptor MissingKeyInterface = Create(
        "CLR0003",
        "Grain interface has no key interface",
        "Grain interface '{0}' derives from IGrain but from no key interface. Add IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey to its base list so callers can address it with GetGrain<T>(key).");

    public static readonly DiagnosticDescriptor OneWayWithResult = Create(
        "CLR0004",
        "One-way grain method returns a value",
        "Method '{0}' is marked [OneWay] but returns '{1}'. A one-way call sends no result back to the caller: return Task or ValueTask, or remove [OneWay].");

    public static readonly DiagnosticDescriptor GenericNotSupported = Create(
        "CLR0005",
        "Generic grain methods and interfaces are not supported",
        "{0} '{1}' is generic, which grain calls do not support. Use a non-generic {2} with concrete types instead.");

    public static readonly DiagnosticDescriptor NonMethodMember = Create(
        "CLR0006",
        "Grain interface declares a member that is not a method",
        "{0} '{1}' is declared on '{2}', which derives from IGrain or IGrainObserver. Grain calls must be instance methods: replace it with a method returning Task or Task<T>.");

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Create(
        "CLR0007",
        "CancellationToken parameter is not last",
        "CancellationToken parameter '{1}' of method '{0}' {2}. A grain method takes at most one CancellationToken, as its last parameter: move it to the end or remove the extra one.");

    public static readonly DiagnosticDescriptor InvalidGrainConstructor = Create(
        "CLR0008",
        "Grain class has no usable constructor",
        "Grain class '{0}' {1}. {2}");

    public static readonly DiagnosticDescriptor InvalidPersistentState = Create(
        "CLR0009",
        "Invalid [PersistentState] parameter",
        "Parameter '{1}' of grain class '{0}' is marked [PersistentState] but {2}. {3}");

    public static readonly DiagnosticDescriptor InvalidResponseTimeout = Create(
        "CLR0010",
        "Invalid [ResponseTimeout]",
        "Method '{0}' has [ResponseTimeout({1})], {2}. Pass a positive constant time span in hh:mm:ss form, such as [ResponseTimeout(\"00:02:00\")].");

    public static readonly DiagnosticDescriptor StreamOnObserver = Create(
        "CLR0011",
        "Observer method returns a stream",
        "Method '{0}' of observer interface '{1}' returns '{2}', which observers do not support. Return Task or ValueTask and call the observer once per item instead.");

    public static readonly DiagnosticDescriptor InaccessibleType = Create(
        "CLR0012",
        "Grain type is not accessible to generated code",
        "{0} '{1}' is {2}, so generated code cannot reference it. Make it and its containing types public or internal.");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
