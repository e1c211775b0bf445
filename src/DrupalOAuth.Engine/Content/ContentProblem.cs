namespace DrupalOAuth.Content
{
    /// <summary>
    /// A file of a content folder that cannot be used, and why (a parse error, a second file for the same UUID). The
    /// message names the file, as every content file error does, so nothing prefixes it again.
    /// </summary>
    public sealed class ContentProblem
    {
        public ContentProblem(string path, string? uuid, string message)
        {
            Path = path;
            Uuid = uuid;
            Message = message;
        }

        public string Path { get; }

        public string? Uuid { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
