using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace DrupalOAuth.Json
{
    /// <summary>Values as PowerShell hands them over: often wrapped in a PSObject that adds nothing.</summary>
    internal static class PowerShellValue
    {
        /// <summary>The value inside a PSObject, except a PSCustomObject, whose properties live on the wrapper.</summary>
        public static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        /// <summary>A JSON object as read: a PSCustomObject, or a dictionary under -AsHashtable.</summary>
        public static bool IsObject(object? value) =>
            value is PSObject wrapped ? wrapped.BaseObject is PSCustomObject || wrapped.BaseObject is IDictionary : value is IDictionary;

        /// <summary>A property of a JSON object as read, or null when it has none (or is not an object).</summary>
        public static object? Member(object? value, string name)
        {
            switch (Unwrap(value))
            {
                case PSObject custom:
                    return custom.Properties[name]?.Value;
                case IDictionary dictionary:
                    return dictionary.Contains(name) ? dictionary[name] : null;
                default:
                    return null;
            }
        }

        /// <summary>Whether a JSON object as read has the property (whatever its value).</summary>
        public static bool HasMember(object? value, string name)
        {
            switch (Unwrap(value))
            {
                case PSObject custom:
                    return custom.Properties[name] != null;
                case IDictionary dictionary:
                    return dictionary.Contains(name);
                default:
                    return false;
            }
        }

        /// <summary>The names of a JSON object's properties, for a message.</summary>
        public static string MemberNames(object? value)
        {
            switch (Unwrap(value))
            {
                case PSObject custom:
                    return string.Join(", ", custom.Properties.Select(p => p.Name));
                case IDictionary dictionary:
                    return string.Join(", ", dictionary.Keys.Cast<object>());
                default:
                    return string.Empty;
            }
        }
    }
}
