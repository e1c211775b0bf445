using System.Management.Automation;

namespace DrupalOAuth.Json
{
    /// <summary>Values as PowerShell hands them over: often wrapped in a PSObject that adds nothing.</summary>
    internal static class PowerShellValue
    {
        /// <summary>The value inside a PSObject, except a PSCustomObject, whose properties live on the wrapper.</summary>
        public static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
    }
}
