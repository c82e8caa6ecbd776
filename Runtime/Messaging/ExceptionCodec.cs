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
    private static readonly ConcurrentDictionary<Type, (ConstructorInfo Constructor, bool TakesInner)?> Constructors = new();

    public static Exception ForCaller(Exception exception) => exception switch
    {
        // A grain may let a failure of its own call propagate: a fresh copy drops the grain's stack trace.
        GrainCallTimeoutException timeout => new GrainCallTimeoutException(timeout.Method, timeout.Target, timeout.Timeout),
        GrainCallException opaque => new GrainCallException(opaque.OriginalTypeName, opaque.Message),
        _ => Recreate(exception.GetType().FullName ?? exception.GetType().Name, exception.GetType(), exception.Message),
    };

    public static Exception Recreate(string typeName, Type? type, string message)
    {
        var constructor = type is null ? null : Constructors.GetOrAdd(type, FindMessageConstructor);
        if (constructor is { } found)
        {
            try
            {
                return (Exception)found.Constructor.Invoke(found.TakesInner ? [message, null] : [message]);
            }
            catch (TargetInvocationException)
            {
                // The type's constructor rejected the message; the caller still gets the type name and message.
            }
        }

        return new GrainCallException(typeName, message);
    }

    // (message, inner) first: for ArgumentNullException, ObjectDisposedException and others the single string
    // parameter is a name, not the message.
    private static (ConstructorInfo Constructor, bool TakesInner)? FindMessageConstructor(Type type)
    {
        if (!typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        const BindingFlags PublicInstance = BindingFlags.Public | BindingFlags.Instance;
        if (type.GetConstructor(PublicInstance, [typeof(string), typeof(Exception)]) is { } withInner)
        {
            return (withInner, true);
        }

        return type.GetConstructor(PublicInstance, [typeof(string)]) is { } messageOnly ? (messageOnly, false) : null;
    }
}
