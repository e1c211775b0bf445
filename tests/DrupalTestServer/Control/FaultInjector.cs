using DrupalTestServer.Control.Faults;
using DrupalTestServer.Http;

namespace DrupalTestServer.Control;

/// <summary>
/// Per route, a queue of faults that answer the next requests in order: each answers as many
/// requests as its count, then the next one in the queue, then the route itself again.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly Dictionary<ApiRoute, Queue<Pending>> queues = ApiRoute.All.ToDictionary(r => r, _ => new Queue<Pending>());

    public void Add(ApiRoute route, IFault fault, int count)
    {
        lock (gate) queues[route].Enqueue(new Pending(fault, count));
    }

    public IFault? TryTake(ApiRoute route)
    {
        lock (gate)
        {
            var queue = queues[route];
            if (!queue.TryPeek(out var head))
                return null;
            if (--head.Remaining == 0)
                queue.Dequeue();
            return head.Fault;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            foreach (var queue in queues.Values)
                queue.Clear();
        }
    }

    private sealed class Pending(IFault fault, int remaining)
    {
        public IFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
