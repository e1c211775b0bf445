namespace DrupalOAuth.Diagnostics
{
    /// <summary>A log that drops every line, for callers that want none.</summary>
    public sealed class NullLog : IDrupalLog
    {
        public static readonly NullLog Instance = new NullLog();

        private NullLog()
        {
        }

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
