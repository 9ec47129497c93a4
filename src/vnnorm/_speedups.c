/* The loops vnnorm runs for every line of clean text, in C.
 *
 * `TokenSet` is a set of str with a query that Python's set cannot answer
 * without building a list: `uncovered(text)`, the tokens of `text` (the pieces
 * between spaces and newlines, empty ones included) that it does not hold, and
 * `covers(text)`, whether there are none.
 * That is `set(text.replace("\n", " ").split(" ")) - tokens`, which makes a
 * string per token; here the tokens are hashed and compared where they lie in
 * the text, and a string is made only for a token not held: on clean text,
 * none. `neighbourhoods` (below) finds the words beside a token, and
 * `line_starts` where each line of a long text starts.
 * vnnorm/tokenscan.py has the pure-Python twins, and the tests run against both.
 *
 * The table is open addressing with linear probing, at most half full. It
 * holds a reference to each str it was given. Hashes are over code points, so
 * a token hashes alike in a text of any storage width; a token and an entry of
 * one width are compared with memcmp, else code point by code point. Every
 * call holds the GIL and releases nothing, so a call is atomic to other
 * threads.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject *token; /* NULL: an empty slot */
    Py_uhash_t hash;
} Slot;

typedef struct {
    PyObject_HEAD
    Slot *slots;
    Py_ssize_t capacity; /* a power of two, or 0 before the first add */
    Py_ssize_t used;
} TokenSet;

/* FNV-1a over code points: the same for a token inside a text and for an entry. */
#define FNV_OFFSET ((Py_uhash_t)14695981039346656037ULL)
#define FNV_PRIME ((Py_uhash_t)1099511628211ULL)
#define FNV_STEP(hash, c) (((hash) ^ (Py_uhash_t)(c)) * FNV_PRIME)

static Py_uhash_t
hash_span(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_uhash_t h = FNV_OFFSET;
    for (Py_ssize_t i = start; i < end; i++) {
        h = FNV_STEP(h, PyUnicode_READ(kind, data, i));
    }
    return h;
}

static int
same_span(PyObject *token, int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(token);
    if (length != end - start) {
        return 0;
    }
    int token_kind = PyUnicode_KIND(token);
    const void *token_data = PyUnicode_DATA(token);
    if (token_kind == kind) { /* the common case: the same width, one memcmp */
        return memcmp(token_data, (const char *)data + start * kind, (size_t)(length * kind)) == 0;
    }
    for (Py_ssize_t i = 0; i < length; i++) {
        if (PyUnicode_READ(token_kind, token_data, i) != PyUnicode_READ(kind, data, start + i)) {
            return 0;
        }
    }
    return 1;
}

/* Is text[start:end], whose hash_span is `hash`, in the set? */
static int
has_span(TokenSet *self, Py_uhash_t hash, int kind, const void *data, Py_ssize_t start,
         Py_ssize_t end)
{
    if (self->capacity == 0) {
        return 0;
    }
    Py_ssize_t mask = self->capacity - 1;
    for (Py_ssize_t at = (Py_ssize_t)(hash & (Py_uhash_t)mask);; at = (at + 1) & mask) {
        Slot *slot = &self->slots[at];
        if (slot->token == NULL) {
            return 0;
        }
        if (slot->hash == hash && same_span(slot->token, kind, data, start, end)) {
            return 1;
        }
    }
}

/* Put a token known to be absent into a table with room for it. */
static void
place(Slot *slots, Py_ssize_t capacity, PyObject *token, Py_uhash_t hash)
{
    Py_ssize_t mask = capacity - 1;
    Py_ssize_t at = (Py_ssize_t)(hash & (Py_uhash_t)mask);
    while (slots[at].token != NULL) {
        at = (at + 1) & mask;
    }
    slots[at].token = token;
    slots[at].hash = hash;
}

static int
grow(TokenSet *self)
{
    Py_ssize_t capacity = self->capacity ? self->capacity * 2 : 64;
    Slot *slots = PyMem_Calloc((size_t)capacity, sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < self->capacity; i++) {
        if (self->slots[i].token != NULL) {
            place(slots, capacity, self->slots[i].token, self->slots[i].hash);
        }
    }
    PyMem_Free(self->slots);
    self->slots = slots;
    self->capacity = capacity;
    return 0;
}

static PyObject *
TokenSet_add(TokenSet *self, PyObject *token)
{
    if (!PyUnicode_Check(token)) {
        PyErr_Format(PyExc_TypeError, "a TokenSet holds str, not %.100s", Py_TYPE(token)->tp_name);
        return NULL;
    }
    int kind = PyUnicode_KIND(token);
    const void *data = PyUnicode_DATA(token);
    Py_ssize_t length = PyUnicode_GET_LENGTH(token);
    Py_uhash_t hash = hash_span(kind, data, 0, length);
    if (has_span(self, hash, kind, data, 0, length)) {
        Py_RETURN_NONE;
    }
    if (2 * (self->used + 1) > self->capacity && grow(self) < 0) {
        return NULL;
    }
    Py_INCREF(token);
    place(self->slots, self->capacity, token, hash);
    self->used++;
    Py_RETURN_NONE;
}

static void
release(TokenSet *self)
{
    for (Py_ssize_t i = 0; i < self->capacity; i++) {
        Py_CLEAR(self->slots[i].token);
    }
    PyMem_Free(self->slots);
    self->slots = NULL;
    self->capacity = 0;
    self->used = 0;
}

static PyObject *
TokenSet_clear(TokenSet *self, PyObject *Py_UNUSED(ignored))
{
    release(self);
    Py_RETURN_NONE;
}

/* Walk the tokens of `text`. With `missing` NULL, stop at the first token not
 * held and return 0 (1: every token is held); else add each token not held to
 * the set `missing` and return 1 (-1: an error). One loop per storage width,
 * so that reading a character is a load, not a switch. */
#define SCAN_LOOP(CHAR)                                                                  \
    for (Py_ssize_t i = 0; i <= length; i++) {                                           \
        if (i < length) {                                                                \
            CHAR c = ((const CHAR *)data)[i];                                            \
            if (c != ' ' && c != '\n') {                                                 \
                hash = FNV_STEP(hash, c);                                                \
                continue;                                                                \
            }                                                                            \
        }                                                                                \
        if (!has_span(self, hash, kind, data, start, i)) {                               \
            if (missing == NULL) {                                                       \
                return 0;                                                                \
            }                                                                            \
            if (add_missing(missing, text, start, i) < 0) {                              \
                return -1;                                                               \
            }                                                                            \
        }                                                                                \
        start = i + 1;                                                                   \
        hash = FNV_OFFSET;                                                               \
    }

static int
add_missing(PyObject *missing, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *token = PyUnicode_Substring(text, start, end);
    if (token == NULL) {
        return -1;
    }
    int added = PySet_Add(missing, token);
    Py_DECREF(token);
    return added;
}

static int
scan(TokenSet *self, PyObject *text, PyObject *missing)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t start = 0;
    Py_uhash_t hash = FNV_OFFSET; /* hash_span of text[start:i], kept as i moves */
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        SCAN_LOOP(Py_UCS1)
        break;
    case PyUnicode_2BYTE_KIND:
        SCAN_LOOP(Py_UCS2)
        break;
    default:
        SCAN_LOOP(Py_UCS4)
    }
    return 1;
}

static int
check_text(PyObject *text, const char *method)
{
    if (PyUnicode_Check(text)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s() takes a str, not %.100s", method, Py_TYPE(text)->tp_name);
    return -1;
}

static PyObject *
TokenSet_covers(TokenSet *self, PyObject *text)
{
    if (check_text(text, "covers") < 0) {
        return NULL;
    }
    return PyBool_FromLong(scan(self, text, NULL));
}

static PyObject *
TokenSet_uncovered(TokenSet *self, PyObject *text)
{
    if (check_text(text, "uncovered") < 0) {
        return NULL;
    }
    PyObject *missing = PySet_New(NULL);
    if (missing != NULL && scan(self, text, missing) < 0) {
        Py_CLEAR(missing);
    }
    return missing;
}

static int
TokenSet_contains(TokenSet *self, PyObject *token)
{
    if (!PyUnicode_Check(token)) {
        return 0;
    }
    int kind = PyUnicode_KIND(token);
    const void *data = PyUnicode_DATA(token);
    Py_ssize_t length = PyUnicode_GET_LENGTH(token);
    return has_span(self, hash_span(kind, data, 0, length), kind, data, 0, length);
}

static Py_ssize_t
TokenSet_len(TokenSet *self)
{
    return self->used;
}

static void
TokenSet_dealloc(TokenSet *self)
{
    release(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef TokenSet_methods[] = {
    {"add", (PyCFunction)TokenSet_add, METH_O, "Add a str."},
    {"clear", (PyCFunction)TokenSet_clear, METH_NOARGS, "Remove every str."},
    {"covers", (PyCFunction)TokenSet_covers, METH_O,
     "Is every token of the text (split at spaces and newlines) in this set?"},
    {"uncovered", (PyCFunction)TokenSet_uncovered, METH_O,
     "The set of the tokens of the text (split at spaces and newlines) not in this set."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods TokenSet_as_sequence = {
    .sq_length = (lenfunc)TokenSet_len,
    .sq_contains = (objobjproc)TokenSet_contains,
};

static PyTypeObject TokenSetType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "vnnorm._speedups.TokenSet",
    .tp_doc = "A set of str that answers uncovered(text) without splitting the text.",
    .tp_basicsize = sizeof(TokenSet),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)TokenSet_dealloc,
    .tp_methods = TokenSet_methods,
    .tp_as_sequence = &TokenSet_as_sequence,
};

/* Where a token stands in a line, and the words beside it: for a word real
 * either way ("văn"), the question after `uncovered`. For each place `token`
 * stands whole in `text` (between spaces, newlines or the ends), the span from
 * the token before it to the token after it, across horizontal space (space,
 * tab, no-break space) and within its line: (that text, where `token` starts
 * in it). Places may overlap, as str.find finds them one after another. */
#define IS_PART(c) ((c) == ' ' || (c) == '\n')
#define IS_GAP(c) ((c) == ' ' || (c) == '\t' || (c) == 0xA0)

static PyObject *
neighbourhoods(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *token;
    if (!PyArg_ParseTuple(args, "UU:neighbourhoods", &text, &token)) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t width = PyUnicode_GET_LENGTH(token);
    PyObject *found = PyList_New(0);
    for (Py_ssize_t from = 0; found != NULL && from + width <= length;) {
        Py_ssize_t at = PyUnicode_Find(text, token, from, length, 1);
        if (at < 0) {
            if (at == -2) {
                Py_CLEAR(found);
            }
            break;
        }
        Py_ssize_t end = at + width;
        from = at + 1;
        if ((at > 0 && !IS_PART(PyUnicode_READ(kind, data, at - 1))) ||
            (end < length && !IS_PART(PyUnicode_READ(kind, data, end)))) {
            continue; /* a piece of a longer token */
        }
        Py_ssize_t left = at, right = end;
        while (left > 0 && IS_GAP(PyUnicode_READ(kind, data, left - 1))) {
            left--;
        }
        while (left > 0 && !IS_PART(PyUnicode_READ(kind, data, left - 1))) {
            left--;
        }
        while (right < length && IS_GAP(PyUnicode_READ(kind, data, right))) {
            right++;
        }
        while (right < length && !IS_PART(PyUnicode_READ(kind, data, right))) {
            right++;
        }
        PyObject *place = Py_BuildValue("(Nn)", PyUnicode_Substring(text, left, right), at - left);
        if (place == NULL || PyList_Append(found, place) < 0) {
            Py_CLEAR(found);
        }
        Py_XDECREF(place);
    }
    return found;
}

/* line_starts(text): where each line of `text` starts: 0, and after each
 * newline. A long text is read a line at a time, and this list is made for
 * it again after each fixer that changed it. */
static PyObject *
line_starts(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "line_starts() takes a str, not %.100s",
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    PyObject *starts = PyList_New(0);
    for (Py_ssize_t at = 0; starts != NULL && at <= length;) {
        PyObject *start = PyLong_FromSsize_t(at);
        if (start == NULL || PyList_Append(starts, start) < 0) {
            Py_CLEAR(starts);
        }
        Py_XDECREF(start);
        Py_ssize_t newline = at < length ? PyUnicode_FindChar(text, '\n', at, length, 1) : -1;
        if (newline == -2) {
            Py_CLEAR(starts);
        }
        at = newline < 0 ? length + 1 : newline + 1;
    }
    return starts;
}

static PyMethodDef speedups_functions[] = {
    {"line_starts", line_starts, METH_O, "line_starts(text): 0, and where each newline ends."},
    {"neighbourhoods", neighbourhoods, METH_VARARGS,
     "neighbourhoods(text, token): (the text from the token before to the token after, "
     "where token starts in it) for each place token stands whole in text."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "vnnorm._speedups",
    .m_doc = "Optional compiled twin of the token scans in vnnorm.tokenscan.",
    .m_size = -1,
    .m_methods = speedups_functions,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (PyType_Ready(&TokenSetType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&speedups_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&TokenSetType);
    if (PyModule_AddObject(module, "TokenSet", (PyObject *)&TokenSetType) < 0) {
        Py_DECREF(&TokenSetType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
