using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Activation;

/// <summary>
/// The requests waiting for admission to an activation, in arrival order. A ring buffer rather than a
/// <see cref="Queue{T}"/> because an interleaving request may be admitted from behind a blocked head.
/// </summary>
internal sealed class RequestQueue
{
    private Request?[] _items = new Request?[4];
    private int _head;

    public int Count { get; private set; }

    public Request this[int index] => _items[(_head + index) & (_items.Length - 1)]!;

    public void Enqueue(Request request)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = request;
        Count++;
    }

    public Request RemoveAt(int index)
    {
        var mask = _items.Length - 1;
        var request = _items[(_head + index) & mask]!;
        if (index == 0)
        {
            _items[_head] = null;
            _head = (_head + 1) & mask;
        }
        else
        {
            for (var i = index; i < Count - 1; i++)
            {
                _items[(_head + i) & mask] = _items[(_head + i + 1) & mask];
            }

            _items[(_head + Count - 1) & mask] = null;
        }

        Count--;
        return request;
    }

    public List<Request> DrainAll()
    {
        var all = new List<Request>(Count);
        while (Count > 0)
        {
            all.Add(RemoveAt(0));
        }

        return all;
    }

    private void Grow()
    {
        var larger = new Request?[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = larger;
        _head = 0;
    }
}
