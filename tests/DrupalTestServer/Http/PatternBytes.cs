namespace DrupalTestServer.Http;

/// <summary>
/// Deterministic bytes for downloads: byte i of a stream with seed s is (i + s) % 251, a prime, so that a chunk
/// lost or repeated at a power-of-two boundary shows. Written in chunks, so that a big one is streamed.
/// </summary>
public static class PatternBytes
{
    private const int ChunkSize = 64 * 1024;

    public static byte At(long index, int seed) => (byte)((index + seed) % 251);

    public static async Task WriteAsync(Stream body, long length, int seed, CancellationToken cancellation)
    {
        var chunk = new byte[(int)Math.Min(ChunkSize, Math.Max(length, 0))];
        for (long written = 0; written < length;)
        {
            var count = (int)Math.Min(chunk.Length, length - written);
            for (var i = 0; i < count; i++)
                chunk[i] = At(written + i, seed);
            await body.WriteAsync(chunk.AsMemory(0, count), cancellation);
            written += count;
        }
    }
}
