using DrupalTestServer.Site;

namespace DrupalTestServer.GraphQLApi;

/// <summary>
/// Serialized successful answers by user and request, so that a benchmark of a client can ask for a big result
/// again and again while the server only sends bytes. Off unless switched on; an answer made from content that has
/// changed since is never served: the first look-up after a change empties the cache.
/// </summary>
public sealed class GraphQLResponseCache(ContentStore content)
{
    private readonly Dictionary<(int Uid, string Request), byte[]> answers = [];
    private readonly Lock gate = new();
    private ContentSnapshot madeFrom = content.Current;
    private bool enabled;

    public bool Enabled
    {
        get
        {
            lock (gate)
                return enabled;
        }
        set
        {
            lock (gate)
            {
                enabled = value;
                answers.Clear();
            }
        }
    }

    /// <param name="request">The request body as received (the query string for a GET).</param>
    public byte[]? Find(int uid, string request)
    {
        lock (gate)
        {
            if (!enabled)
                return null;
            ForgetIfChanged(content.Current);
            return answers.GetValueOrDefault((uid, request));
        }
    }

    /// <param name="snapshot">The content the answer was made from, taken before it ran: a mutation's answer is thus never kept.</param>
    public void Store(int uid, string request, ContentSnapshot snapshot, byte[] answer)
    {
        lock (gate)
        {
            ForgetIfChanged(content.Current);
            if (enabled && snapshot == madeFrom)
                answers[(uid, request)] = answer;
        }
    }

    private void ForgetIfChanged(ContentSnapshot current)
    {
        if (current == madeFrom)
            return;
        answers.Clear();
        madeFrom = current;
    }
}
