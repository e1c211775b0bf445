using System.Collections.Generic;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Whether a converted value is what the entity already holds, so that an update sends only what differs:
    /// numbers by value, timestamps by instant, text with \r\n as \n, an object by the properties given (a null and an
    /// empty summary alike), lists item by item, relationships by their ids in order. The entity's value is as
    /// Get-DrupalEntity's flat object holds it (Json/JsonValueReader: PSObject for an object, object[] for a list,
    /// long, decimal, double, bool, string or null).
    /// </summary>
    internal static class SheetValues
    {
        public static bool Same(object? wanted, object? current, FieldShape shape) => throw new System.NotImplementedException();

        /// <param name="current">The relationship on the flat object: an id, an included object (its id counts), an array of these, or null.</param>
        public static bool SameReferences(IReadOnlyList<string> ids, object? current) => throw new System.NotImplementedException();
    }
}
