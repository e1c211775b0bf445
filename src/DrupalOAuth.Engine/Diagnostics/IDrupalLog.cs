namespace DrupalOAuth.Diagnostics
{
    /// <summary>
    /// Where the engine says what it does. Called from any thread; the cmdlets queue the lines and write them to
    /// the verbose and debug streams on the pipeline thread. Lines never hold a secret or a token.
    /// </summary>
    public interface IDrupalLog
    {
        void Verbose(string message);

        void Debug(string message);
    }
}
