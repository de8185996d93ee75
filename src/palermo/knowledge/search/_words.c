/* The indexer's table of words: from a word as written to its code (palermo.knowledge.search.numbering).
 *
 * `WordCodes.codes(text, found)` reads the words of a text, runs of characters for which str.isalnum() is
 * true (what the pattern [^\W_]+ finds), and appends each word's code to the bytearray `found` as a native
 * int32, without making a Python string for any word. When some words are not in the table, nothing is
 * appended and those words come back as a list, for Python to stem, code and `add()`; reading the text again
 * then succeeds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

static uint8_t alnum_bmp[65536 / 8]; /* str.isalnum() of each character of the Basic Multilingual Plane */

static inline int is_word_char(Py_UCS4 c) {
    if (c < 65536) return alnum_bmp[c >> 3] >> (c & 7) & 1;
    return Py_UNICODE_ISALNUM(c);
}

static inline uint64_t mix(uint64_t hash, Py_UCS4 c) { return (hash ^ c) * 0x100000001b3ULL; }

#define HASH_START 0xcbf29ce484222325ULL

typedef struct {
    uint64_t hash; /* 0: an empty slot */
    uint32_t start; /* where the word's characters are in `chars` */
    uint32_t length;
    int32_t code;
} Slot;

typedef struct {
    PyObject_HEAD
    Slot *slots;
    size_t capacity; /* a power of two */
    size_t used;
    Py_UCS4 *chars;
    size_t chars_used, chars_capacity;
} WordCodes;

static int reserve_slots(WordCodes *self, size_t capacity) {
    Slot *slots = PyMem_Calloc(capacity, sizeof(Slot));
    if (!slots) return -1;
    for (size_t i = 0; i < self->capacity; i++) {
        Slot *old = &self->slots[i];
        if (!old->hash) continue;
        size_t at = old->hash & (capacity - 1);
        while (slots[at].hash) at = (at + 1) & (capacity - 1);
        slots[at] = *old;
    }
    PyMem_Free(self->slots);
    self->slots = slots;
    self->capacity = capacity;
    return 0;
}

static void clear_table(WordCodes *self) {
    memset(self->slots, 0, self->capacity * sizeof(Slot));
    self->used = 0;
    self->chars_used = 0;
}

static PyObject *WordCodes_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    if (PyTuple_GET_SIZE(args) || (kwargs && PyDict_GET_SIZE(kwargs))) {
        PyErr_SetString(PyExc_TypeError, "WordCodes() takes no arguments");
        return NULL;
    }
    WordCodes *self = (WordCodes *)type->tp_alloc(type, 0);
    if (!self) return NULL;
    if (reserve_slots(self, 1024) < 0) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    return (PyObject *)self;
}

static void WordCodes_dealloc(WordCodes *self) {
    PyMem_Free(self->slots);
    PyMem_Free(self->chars);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The slot of the word of `length` characters at `start` of a text of `kind`, or NULL. */
static inline Slot *find(const WordCodes *self, uint64_t hash, int kind, const void *data, Py_ssize_t start,
                         Py_ssize_t length) {
    size_t mask = self->capacity - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        Slot *slot = &self->slots[at];
        if (!slot->hash) return NULL;
        if (slot->hash != hash || slot->length != (uint32_t)length) continue;
        const Py_UCS4 *chars = self->chars + slot->start;
        Py_ssize_t i = 0;
        while (i < length && chars[i] == PyUnicode_READ(kind, data, start + i)) i++;
        if (i == length) return slot;
    }
}

static inline uint64_t nonzero(uint64_t hash) { return hash ? hash : 1; }

static PyObject *WordCodes_add(WordCodes *self, PyObject *args) {
    PyObject *word;
    int code;
    if (!PyArg_ParseTuple(args, "Ui", &word, &code)) return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    uint64_t hash = HASH_START;
    for (Py_ssize_t i = 0; i < length; i++) hash = mix(hash, PyUnicode_READ(kind, data, i));
    hash = nonzero(hash);
    Slot *slot = find(self, hash, kind, data, 0, length);
    if (slot) {
        slot->code = code;
        Py_RETURN_NONE;
    }
    if (self->chars_used + (size_t)length > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "the table of words is full: clear() it");
        return NULL;
    }
    if (self->chars_used + (size_t)length > self->chars_capacity) {
        size_t capacity = (self->chars_capacity + (size_t)length) * 2;
        Py_UCS4 *chars = PyMem_Realloc(self->chars, capacity * sizeof(Py_UCS4));
        if (!chars) return PyErr_NoMemory();
        self->chars = chars;
        self->chars_capacity = capacity;
    }
    if ((self->used + 1) * 2 > self->capacity && reserve_slots(self, self->capacity * 2) < 0)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < length; i++) self->chars[self->chars_used + i] = PyUnicode_READ(kind, data, i);
    size_t at = hash & (self->capacity - 1);
    while (self->slots[at].hash) at = (at + 1) & (self->capacity - 1);
    self->slots[at] = (Slot){hash, (uint32_t)self->chars_used, (uint32_t)length, code};
    self->chars_used += (size_t)length;
    self->used++;
    Py_RETURN_NONE;
}

/* Read the words of a text of `kind` (inlined for each kind, so that reading a character is one load).
 * Codes go to `out` while every word is known; from the first unknown word on, the unknown words go to the
 * list `*unknown` instead. Returns the number of words, or -1 on an error. */
static inline __attribute__((always_inline)) Py_ssize_t read_words(const WordCodes *self, PyObject *text,
                                                                   int kind, const void *data,
                                                                   Py_ssize_t length, int32_t *out,
                                                                   PyObject **unknown) {
    Py_ssize_t words = 0;
    Py_ssize_t i = 0;
    while (i < length) {
        while (i < length && !is_word_char(PyUnicode_READ(kind, data, i))) i++;
        if (i == length) break;
        Py_ssize_t start = i;
        uint64_t hash = HASH_START;
        Py_UCS4 c;
        while (i < length && is_word_char(c = PyUnicode_READ(kind, data, i))) {
            hash = mix(hash, c);
            i++;
        }
        Slot *slot = find(self, nonzero(hash), kind, data, start, i - start);
        if (slot && !*unknown) {
            out[words] = slot->code;
        } else if (!slot) {
            if (!*unknown && !(*unknown = PyList_New(0))) return -1;
            PyObject *word = PyUnicode_Substring(text, start, i);
            if (!word || PyList_Append(*unknown, word) < 0) {
                Py_XDECREF(word);
                return -1;
            }
            Py_DECREF(word);
        }
        words++;
    }
    return words;
}

static PyObject *WordCodes_codes(WordCodes *self, PyObject *args) {
    PyObject *text, *found;
    if (!PyArg_ParseTuple(args, "UY", &text, &found)) return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t before = PyByteArray_GET_SIZE(found);
    Py_ssize_t most = (length + 1) / 2; /* words are separated: at most one every other character */
    if (PyByteArray_Resize(found, before + most * (Py_ssize_t)sizeof(int32_t)) < 0) return NULL;
    int32_t *out = (int32_t *)(PyByteArray_AS_STRING(found) + before);
    PyObject *unknown = NULL;
    Py_ssize_t words;
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        words = read_words(self, text, PyUnicode_1BYTE_KIND, data, length, out, &unknown);
        break;
    case PyUnicode_2BYTE_KIND:
        words = read_words(self, text, PyUnicode_2BYTE_KIND, data, length, out, &unknown);
        break;
    default:
        words = read_words(self, text, PyUnicode_4BYTE_KIND, data, length, out, &unknown);
    }
    int failed = words < 0 || unknown;
    Py_ssize_t kept = before + (failed ? 0 : words * (Py_ssize_t)sizeof(int32_t));
    if (PyByteArray_Resize(found, kept) < 0) {
        Py_XDECREF(unknown);
        return NULL;
    }
    if (words < 0) {
        Py_XDECREF(unknown);
        return NULL;
    }
    return unknown ? unknown : PyLong_FromSsize_t(words);
}

static PyObject *WordCodes_clear(WordCodes *self, PyObject *Py_UNUSED(ignored)) {
    clear_table(self);
    Py_RETURN_NONE;
}

static Py_ssize_t WordCodes_len(WordCodes *self) { return (Py_ssize_t)self->used; }

static PyMethodDef WordCodes_methods[] = {
    {"codes", (PyCFunction)WordCodes_codes, METH_VARARGS,
     "codes(text, found): append the code of each word of the text to the bytearray `found` (native int32)\n"
     "and return how many; when some words are not in the table, append nothing and return those words."},
    {"add", (PyCFunction)WordCodes_add, METH_VARARGS, "add(word, code): the word's code from now on."},
    {"clear", (PyCFunction)WordCodes_clear, METH_NOARGS, "Forget every word."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods WordCodes_sequence = {.sq_length = (lenfunc)WordCodes_len};

static PyTypeObject WordCodesType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "palermo.knowledge.search._words.WordCodes",
    .tp_basicsize = sizeof(WordCodes),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A table from words, as written, to int32 codes.",
    .tp_new = WordCodes_new,
    .tp_dealloc = (destructor)WordCodes_dealloc,
    .tp_methods = WordCodes_methods,
    .tp_as_sequence = &WordCodes_sequence,
};

static struct PyModuleDef words_module = {
    PyModuleDef_HEAD_INIT, "_words", "The search indexer's table of words (C).", -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__words(void) {
    for (Py_UCS4 c = 0; c < 65536; c++)
        if (Py_UNICODE_ISALNUM(c)) alnum_bmp[c >> 3] |= (uint8_t)(1 << (c & 7));
    if (PyType_Ready(&WordCodesType) < 0) return NULL;
    PyObject *module = PyModule_Create(&words_module);
    if (!module) return NULL;
    Py_INCREF(&WordCodesType);
    if (PyModule_AddObject(module, "WordCodes", (PyObject *)&WordCodesType) < 0) {
        Py_DECREF(&WordCodesType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
