using System.Text;

namespace DrupalTestServer.Control.Faults;

/// <summary>How a <see cref="MangledJsonFault"/> changes the route's JSON.</summary>
public enum JsonMangling
{
    /// <summary>A UTF-8 byte-order mark before it, which some servers and proxies add (and Invoke-RestMethod reads).</summary>
    ByteOrderMark,

    /// <summary>Bytes that are not UTF-8 (0xC3 0x28) at the start of its first string value.</summary>
    InvalidUtf8,

    /// <summary>A lone surrogate escape (\ud800) at the start of its first string value.</summary>
    LoneSurrogate,
}

/// <summary>The route's real answer, status and headers, with its JSON body changed as <see cref="JsonMangling"/> says.</summary>
public sealed class MangledJsonFault(JsonMangling mangling) : IFault
{
    private static readonly byte[] StringValueStart = Encoding.ASCII.GetBytes(":\"");

    public async Task ApplyAsync(HttpContext context, RequestDelegate route)
    {
        var body = (await BufferedRoute.RunAsync(context, route)).ToArray();
        var insert = mangling switch
        {
            JsonMangling.ByteOrderMark => 0,
            _ => body.AsSpan().IndexOf(StringValueStart) is var at and >= 0 ? at + StringValueStart.Length : throw new InvalidOperationException("The answer has no string value to mangle."),
        };
        byte[] added = mangling switch
        {
            JsonMangling.ByteOrderMark => [0xEF, 0xBB, 0xBF],
            JsonMangling.InvalidUtf8 => [0xC3, 0x28],
            _ => Encoding.ASCII.GetBytes("\\ud800"),
        };
        byte[] mangled = [.. body.AsSpan(0, insert), .. added, .. body.AsSpan(insert)];
        context.Response.ContentLength = mangled.Length;
        await context.Response.Body.WriteAsync(mangled, context.RequestAborted);
    }
}
