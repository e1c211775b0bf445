using System.Collections.Generic;
using System.Text.Json;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// Whether a converted value is what the entity already holds, so that an update sends only what differs:
    /// numbers by value, timestamps by instant, text with \r\n as \n, an object by the properties given (a null and an
    /// empty summary alike), lists item by item, relationships by their ids in order.
    /// </summary>
    internal static class SheetValues
    {
        public static bool Same(object? wanted, JsonElement current, FieldShape shape) => throw new System.NotImplementedException();

        /// <param name="current">The relationship's <c>data</c>: null, an identifier or an array of them.</param>
        public static bool SameReferences(IReadOnlyList<string> ids, JsonElement current) => throw new System.NotImplementedException();
    }
}
