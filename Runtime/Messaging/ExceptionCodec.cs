using System.Collections.Concurrent;
using System.Reflection;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// Turns an exception thrown by a grain into the one its caller sees: the same type and message, nothing else.
/// Stack traces, inner exceptions and data stay with the callee, in process as across processes, so callers
/// behave the same whether a grain is local or remote and internals never leak.
/// </summary>
internal static class ExceptionCodec
{
    private static readonly ConcurrentDictionary<Type, ConstructorInfo?> Constructors = new();

    public static Exception ForCaller(Exception exception)
    {
        if (exception is GrainCallTimeoutException or GrainCallException)
        {
            return exception;
        }

        return Recreate(exception.GetType().FullName ?? exception.GetType().Name, exception.GetType(), exception.Message);
    }

    public static Exception Recreate(string typeName, Type? type, string message)
    {
        var constructor = type is null ? null : Constructors.GetOrAdd(type, FindMessageConstructor);
        if (constructor is not null)
        {
            try
            {
                return (Exception)constructor.Invoke([message]);
            }
            catch (TargetInvocationException)
            {
                // The type's constructor rejected the message; the caller still gets the type name and message.
            }
        }

        return new GrainCallException(typeName, message);
    }

    private static ConstructorInfo? FindMessageConstructor(Type type) =>
        typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract
            ? type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)])
            : null;
}
