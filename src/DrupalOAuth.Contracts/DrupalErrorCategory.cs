namespace DrupalOAuth.Errors
{
    /// <summary>
    /// The kind of a failure. Each name is also a member of PowerShell's ErrorCategory, which the cmdlets map it
    /// to by name; the engine keeps its own enum so that it needs no more of PowerShell than PSObject.
    /// </summary>
    public enum DrupalErrorCategory
    {
        InvalidArgument,
        InvalidOperation,
        ObjectNotFound,
        AuthenticationError,
        PermissionDenied,
        SecurityError,
        ConnectionError,
        OperationTimeout,
        InvalidResult,
        InvalidData,
        ResourceUnavailable,
    }
}
