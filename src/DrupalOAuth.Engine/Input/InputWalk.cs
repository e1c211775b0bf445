using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Input
{
    /// <summary>
    /// One walk over a value a user passed (-Filter, -Variables, -Attributes, -Relationships, -Body, -Query,
    /// -Headers): every reader of such hashtables, arrays and PSCustomObjects goes through it, so that a value which
    /// contains itself or nests without end is refused before anything is sent instead of being followed until the
    /// stack overflows, and so that a secret, a script block or an object without a text form is never sent as its
    /// type name.
    /// </summary>
    internal sealed class InputWalk
    {
        /// <summary>How many lists and tables may enclose a value; far more than Drupal's JSON:API or GraphQL need.</summary>
        public const int MaximumDepth = 64;

        // The lists, tables and PSCustomObjects that enclose the value being read, with their names for messages.
        private readonly List<object> _containers = new List<object>();
        private readonly List<string> _names = new List<string>();

        public InputWalk(string parameter)
        {
            Parameter = parameter;
        }

        /// <summary>The parameter the value came from, such as -Filter, for messages.</summary>
        public string Parameter { get; }

        /// <summary>
        /// The value as a reader takes it: without a PSObject wrapper that adds nothing (a PSCustomObject keeps its
        /// wrapper, which holds its properties). A SecureString, a PSCredential and a ScriptBlock are refused.
        /// </summary>
        public object? Read(object? value, string name)
        {
            var unwrapped = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            switch (unwrapped)
            {
                case SecureString _:
                case PSCredential _:
                    throw Refused(name, $"is a {unwrapped.GetType().Name}, and a secret is never sent as a value", "pass the text on purpose if Drupal is to receive it, such as $credential.GetNetworkCredential().Password");
                case ScriptBlock _:
                    throw Refused(name, "is a script block, which is not run to make a value", "pass its result instead, such as (& { ... })");
                default:
                    return unwrapped;
            }
        }

        /// <summary>
        /// A value where one single value belongs (a filter value, a query or header value, an id): a list, a table
        /// or an object whose text is only its type name is refused, since Drupal would receive that name.
        /// </summary>
        public object? Single(object? value, string name)
        {
            var read = Read(value, name);
            if (read != null && IsContainer(read))
            {
                CheckNotEnclosing(read, name);
                throw Refused(name, "is a list or table where a single value belongs", "pass a string, a number, a date or a boolean");
            }

            if (read != null && string.Equals(Convert.ToString(read, CultureInfo.InvariantCulture), read.GetType().FullName, StringComparison.Ordinal))
            {
                throw Refused(name, $"is a {read.GetType().FullName}, which has no text form, so only its type name would be sent", "pass a string, a number, a date or a boolean");
            }

            return read;
        }

        /// <summary>
        /// The items of a list given where one value or several belong (an IN filter, a repeated query name, a
        /// header's values), each a single value; null when the value is no list.
        /// </summary>
        public IReadOnlyList<object?>? Items(object? value, string name)
        {
            var read = Read(value, name);
            if (!(read is IEnumerable list) || read is string || read is IDictionary || read is PSObject)
            {
                return null;
            }

            var items = new List<object?>();
            using (Enter(read, name))
            {
                foreach (var item in list)
                {
                    items.Add(Single(item, ItemName(items.Count)));
                }
            }

            return items;
        }

        /// <summary>
        /// Goes into a list, a table or a PSCustomObject; dispose the result to come out. One that already encloses
        /// the value being read (it contains itself), or one more than <see cref="MaximumDepth"/> deep, is refused.
        /// </summary>
        public Level Enter(object container, string name)
        {
            CheckNotEnclosing(container, name);
            if (_containers.Count >= MaximumDepth)
            {
                throw Refused(name, $"is nested more than {MaximumDepth} levels deep", "pass plain data");
            }

            _containers.Add(container);
            _names.Add(name);
            return new Level(this);
        }

        /// <summary>The name of a list's item, for messages.</summary>
        public static string ItemName(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        private static bool IsContainer(object value) =>
            value is PSObject || (value is IEnumerable && !(value is string));

        private void CheckNotEnclosing(object container, string name)
        {
            foreach (var enclosing in _containers)
            {
                if (ReferenceEquals(enclosing, container))
                {
                    throw Refused(name, "refers to itself: it holds a list or table that contains it", "pass plain data in which no list or table contains itself");
                }
            }
        }

        private void Leave()
        {
            _containers.RemoveAt(_containers.Count - 1);
            _names.RemoveAt(_names.Count - 1);
        }

        private DrupalException Refused(string name, string what, string instead)
        {
            var place = Place(name);
            return new DrupalException(
                "InvalidValue",
                DrupalErrorCategory.InvalidArgument,
                $"{Parameter}{(place.Length == 0 ? string.Empty : " at '" + place + "'")} {what}; {instead}. Nothing was sent.",
                place.Length == 0 ? Parameter : Parameter + " " + place);
        }

        private string Place(string name)
        {
            var place = string.Empty;
            foreach (var part in _names)
            {
                place = Join(place, part);
            }

            return Join(place, name);
        }

        private static string Join(string place, string part) =>
            part.Length == 0 ? place : place.Length == 0 || part.StartsWith("[", StringComparison.Ordinal) ? place + part : place + "." + part;

        /// <summary>A level of the walk, left when disposed.</summary>
        internal readonly struct Level : IDisposable
        {
            private readonly InputWalk _walk;

            public Level(InputWalk walk)
            {
                _walk = walk;
            }

            public void Dispose() => _walk.Leave();
        }
    }
}
