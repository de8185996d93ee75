/* Bit-packed lists of the search index: the records of a token's postings and the occurrences of a word
 * pair, encoded and decoded a list at a time. What the format is and why: docs/knowledge.md, "Packed
 * lists"; palermo/knowledge/search/packing.py is the Python side (and tests/knowledge/test_packing.py holds a
 * plain Python reading of the format that this code is checked against).
 *
 * A list is its length as a varint, then blocks of up to 128 entries. A block is two bytes, the bit widths
 * of its two fields, then each field's values bit-packed (least significant bit first), the first field's
 * values before the second's, the block ending on a byte boundary. The fields hold small numbers:
 *   postings: the gap to the record before (minus one; the first record as it is), the count minus one;
 *   pairs: the gap to the record before (0 for the same record) and the position, minus the position
 *          before plus one within the same record (the first occurrence in a record as it is).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define BLOCK 128

/* -- writing ---------------------------------------------------------------------------------------- */

typedef struct {
    uint8_t *at;
    uint64_t bits;
    int held;
} Writer;

static void put(Writer *w, uint32_t value, int width) {
    w->bits |= (uint64_t)value << w->held;
    w->held += width;
    while (w->held >= 8) {
        *w->at++ = (uint8_t)w->bits;
        w->bits >>= 8;
        w->held -= 8;
    }
}

static void flush(Writer *w) {
    if (w->held > 0) *w->at++ = (uint8_t)w->bits;
    w->bits = 0;
    w->held = 0;
}

static void put_varint(Writer *w, uint64_t value) {
    while (value >= 0x80) {
        *w->at++ = (uint8_t)(value | 0x80);
        value >>= 7;
    }
    *w->at++ = (uint8_t)value;
}

static int width_of(uint32_t largest) { return largest ? 32 - __builtin_clz(largest) : 0; }

/* One list: `first` and `second` hold its n field values. */
static void put_list(Writer *w, const uint32_t *first, const uint32_t *second, Py_ssize_t n) {
    put_varint(w, (uint64_t)n);
    for (Py_ssize_t start = 0; start < n; start += BLOCK) {
        Py_ssize_t size = n - start < BLOCK ? n - start : BLOCK;
        uint32_t high_first = 0, high_second = 0;
        for (Py_ssize_t i = start; i < start + size; i++) {
            high_first |= first[i];
            high_second |= second[i];
        }
        int width_first = width_of(high_first), width_second = width_of(high_second);
        *w->at++ = (uint8_t)width_first;
        *w->at++ = (uint8_t)width_second;
        for (Py_ssize_t i = start; i < start + size; i++) put(w, first[i], width_first);
        for (Py_ssize_t i = start; i < start + size; i++) put(w, second[i], width_second);
        flush(w);
    }
}

/* -- reading ---------------------------------------------------------------------------------------- */

typedef struct {
    const uint8_t *at, *end;
} Reader;

/* `size` values of `width` bits from `bit` bits after `at`, where at least 8 bytes can be read past the
 * last value's first byte (take_block sees to it). */
static void unpack_field(const uint8_t *at, uint64_t bit, int width, Py_ssize_t size, uint32_t *values) {
    if (!width) {
        memset(values, 0, size * sizeof(uint32_t));
        return;
    }
    uint64_t mask = ((uint64_t)1 << width) - 1;
    for (Py_ssize_t i = 0; i < size; i++, bit += width) {
        uint64_t word;
        memcpy(&word, at + (bit >> 3), 8);
        values[i] = (uint32_t)((word >> (bit & 7)) & mask);
    }
}

static int take_varint(Reader *r, uint64_t *value) {
    *value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->at >= r->end) return -1;
        uint8_t byte = *r->at++;
        *value |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return 0;
    }
    return -1;
}

static int broken(const char *what) {
    PyErr_Format(PyExc_ValueError, "damaged search index: %s", what);
    return -1;
}

/* Read one block's n fields into `first` and `second`, checking that it lies inside the data. */
static int take_block(Reader *r, Py_ssize_t size, uint32_t *first, uint32_t *second) {
    if (r->end - r->at < 2) return broken("a block is cut short");
    int width_first = r->at[0], width_second = r->at[1];
    r->at += 2;
    if (width_first > 32 || width_second > 32) return broken("a bit width above 32");
    Py_ssize_t bytes = (size * (width_first + width_second) + 7) / 8;
    if (r->end - r->at < bytes) return broken("a block is cut short");
    const uint8_t *at = r->at;
    uint8_t padded[BLOCK * 8 + 8];  /* the last block of the data, with room to read 8 bytes anywhere in it */
    if (r->end - r->at < bytes + 8) {
        memset(padded, 0, sizeof padded);
        memcpy(padded, r->at, bytes);
        at = padded;
    }
    unpack_field(at, 0, width_first, size, first);
    unpack_field(at, (uint64_t)size * width_first, width_second, size, second);
    r->at += bytes;
    return 0;
}

/* -- arguments -------------------------------------------------------------------------------------- */

static int get_buffer(PyObject *object, Py_buffer *view, int writable, Py_ssize_t itemsize, const char *name) {
    if (PyObject_GetBuffer(object, view, (writable ? PyBUF_WRITABLE : 0) | PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (itemsize && view->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: items of %zd bytes expected, got %zd", name, itemsize, view->itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static Py_ssize_t items(Py_buffer *view) { return view->len / (view->itemsize ? view->itemsize : 1); }

static void release(Py_buffer *views, int count) {
    while (count--) PyBuffer_Release(&views[count]);
}

/* The buffers of three read-only arguments, each checked as get_buffer checks one (an item size of 0: any);
 * on a failure none is held. Release them with release(views, 3). */
static int get_three(PyObject *const objects[3], Py_buffer views[3], const Py_ssize_t itemsizes[3],
                     const char *const names[3]) {
    for (int i = 0; i < 3; i++)
        if (get_buffer(objects[i], &views[i], 0, itemsizes[i], names[i]) < 0) {
            release(views, i);
            return -1;
        }
    return 0;
}

/* Lists written one after the other; returns (data, where each list ends in it as int64 bytes). `fields`
 * turns list i's values into its two field arrays. */
typedef void (*Fields)(const int64_t *a, const int64_t *b, Py_ssize_t n, uint32_t *first, uint32_t *second);

static PyObject *pack_lists(PyObject *args, Fields fields) {
    PyObject *objects[3];
    if (!PyArg_ParseTuple(args, "OOO", &objects[0], &objects[1], &objects[2])) return NULL;
    Py_buffer views[3];
    if (get_three(objects, views, (const Py_ssize_t[]){8, 8, 8},
                  (const char *const[]){"values", "values", "ends"}) < 0)
        return NULL;
    Py_buffer *a = &views[0], *b = &views[1], *ends = &views[2];
    PyObject *data = NULL, *where = NULL, *result = NULL;
    uint32_t *first = NULL, *second = NULL;
    Py_ssize_t n = items(a), lists = items(ends);
    const int64_t *list_ends = ends->buf;
    if (items(b) != n || (lists ? list_ends[lists - 1] != n : n != 0)) {
        PyErr_SetString(PyExc_ValueError, "the value arrays and the list ends disagree");
        goto done;
    }
    /* the most a list can take: its length (10 bytes), 2 bytes a block, 8 bytes a value */
    data = PyBytes_FromStringAndSize(NULL, lists * 10 + (n / BLOCK + lists) * 2 + n * 8 + 1);
    where = PyBytes_FromStringAndSize(NULL, lists * 8);
    first = PyMem_Malloc((n + 1) * sizeof(uint32_t));
    second = PyMem_Malloc((n + 1) * sizeof(uint32_t));
    if (!data || !where || !first || !second) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    Writer w = {(uint8_t *)PyBytes_AS_STRING(data), 0, 0};
    int64_t *byte_ends = (int64_t *)PyBytes_AS_STRING(where);
    Py_ssize_t start = 0;
    for (Py_ssize_t list = 0; list < lists; list++) {
        Py_ssize_t end = list_ends[list];
        if (end < start || end > n) {
            PyErr_SetString(PyExc_ValueError, "the list ends are not in order");
            goto done;
        }
        fields((const int64_t *)a->buf + start, (const int64_t *)b->buf + start, end - start, first, second);
        if (PyErr_Occurred()) goto done;
        put_list(&w, first, second, end - start);
        byte_ends[list] = (int64_t)(w.at - (uint8_t *)PyBytes_AS_STRING(data));
        start = end;
    }
    if (_PyBytes_Resize(&data, w.at - (uint8_t *)PyBytes_AS_STRING(data)) < 0) goto done;
    result = PyTuple_Pack(2, data, where);
done:
    PyMem_Free(first);
    PyMem_Free(second);
    Py_XDECREF(data);
    Py_XDECREF(where);
    release(views, 3);
    return result;
}

/* -- postings ------------------------------------------------------------------------------------------ */

static void postings_fields(const int64_t *records, const int64_t *counts, Py_ssize_t n, uint32_t *gaps,
                            uint32_t *less_one) {
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t gap = i ? records[i] - records[i - 1] - 1 : records[0];
        if (gap < 0 || gap > UINT32_MAX || counts[i] < 1 || counts[i] > UINT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "postings: records must rise and counts be at least 1");
            return;
        }
        gaps[i] = (uint32_t)gap;
        less_one[i] = (uint32_t)(counts[i] - 1);
    }
}

static PyObject *pack_postings(PyObject *self, PyObject *args) {
    (void)self;
    return pack_lists(args, postings_fields);
}

/* unpack_postings(data, base, records, counts) -> n: one list into `records` (int32, each plus `base`) and
 * `counts` (float32), which must hold its length (postings_length). */
static PyObject *unpack_postings(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer data, records, counts;
    long long base;
    if (!PyArg_ParseTuple(args, "y*Lw*w*", &data, &base, &records, &counts)) return NULL;
    PyObject *result = NULL;
    Reader r = {data.buf, (const uint8_t *)data.buf + data.len};
    uint64_t n;
    uint32_t gaps[BLOCK], less_one[BLOCK];
    if (take_varint(&r, &n) < 0) {
        broken("a list's length is cut short");
        goto done;
    }
    if (records.len < (Py_ssize_t)(n * sizeof(int32_t)) || counts.len < (Py_ssize_t)(n * sizeof(float))) {
        PyErr_SetString(PyExc_ValueError, "the arrays are too small for the list");
        goto done;
    }
    int32_t *out_records = records.buf;
    float *out_counts = counts.buf;
    int64_t record = base - 1;
    for (Py_ssize_t start = 0; start < (Py_ssize_t)n; start += BLOCK) {
        Py_ssize_t size = (Py_ssize_t)n - start < BLOCK ? (Py_ssize_t)n - start : BLOCK;
        if (take_block(&r, size, gaps, less_one) < 0) goto done;
        for (Py_ssize_t i = 0; i < size; i++) {
            record += (int64_t)gaps[i] + 1;
            out_records[start + i] = (int32_t)record;
            out_counts[start + i] = (float)less_one[i] + 1.0f;
        }
    }
    result = PyLong_FromSsize_t((Py_ssize_t)n);
done:
    PyBuffer_Release(&data);
    PyBuffer_Release(&records);
    PyBuffer_Release(&counts);
    return result;
}

/* add_postings(data, base, frequencies) -> n: add each count of one list to `frequencies` (float32, by record
 * id) at its record (plus `base`): a token's postings summed into a query's frequencies in the same pass
 * that reads them. */
static PyObject *add_postings(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer data, frequencies;
    long long base;
    if (!PyArg_ParseTuple(args, "y*Lw*", &data, &base, &frequencies)) return NULL;
    PyObject *result = NULL;
    Reader r = {data.buf, (const uint8_t *)data.buf + data.len};
    uint64_t n;
    uint32_t gaps[BLOCK], less_one[BLOCK];
    float *out = frequencies.buf;
    int64_t size = frequencies.len / (int64_t)sizeof(float), record = base - 1;
    if (take_varint(&r, &n) < 0) {
        broken("a list's length is cut short");
        goto done;
    }
    for (Py_ssize_t start = 0; start < (Py_ssize_t)n; start += BLOCK) {
        Py_ssize_t block = (Py_ssize_t)n - start < BLOCK ? (Py_ssize_t)n - start : BLOCK;
        if (take_block(&r, block, gaps, less_one) < 0) goto done;
        for (Py_ssize_t i = 0; i < block; i++) {
            record += (int64_t)gaps[i] + 1;
            if (record < 0 || record >= size) {
                broken("a record beyond the snapshot");
                goto done;
            }
            out[record] += (float)less_one[i] + 1.0f;
        }
    }
    result = PyLong_FromSsize_t((Py_ssize_t)n);
done:
    PyBuffer_Release(&data);
    PyBuffer_Release(&frequencies);
    return result;
}

/* -- word pairs ---------------------------------------------------------------------------------------- */

static void pairs_fields(const int64_t *places, const int64_t *positions, Py_ssize_t n, uint32_t *gaps,
                         uint32_t *steps) {
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t gap = i ? places[i] - places[i - 1] : places[0];
        int64_t step = (i && gap == 0) ? positions[i] - positions[i - 1] - 1 : positions[i];
        if (gap < 0 || gap > UINT32_MAX || step < 0 || step > UINT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "pairs: occurrences must rise");
            return;
        }
        gaps[i] = (uint32_t)gap;
        steps[i] = (uint32_t)step;
    }
}

static PyObject *pack_pairs(PyObject *self, PyObject *args) {
    (void)self;
    return pack_lists(args, pairs_fields);
}

/* unpack_pairs(data, position_bits, out) -> n: one list of occurrences into `out` (uint32 or uint64) as
 * place << position_bits | position, the segment's stored form (palermo.knowledge.search.segments). */
static PyObject *unpack_pairs(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer data, out;
    int position_bits;
    if (!PyArg_ParseTuple(args, "y*iw*", &data, &position_bits, &out)) return NULL;
    PyObject *result = NULL;
    Reader r = {data.buf, (const uint8_t *)data.buf + data.len};
    uint64_t n;
    uint32_t gaps[BLOCK], steps[BLOCK];
    if (out.itemsize != 4 && out.itemsize != 8) {
        PyErr_SetString(PyExc_TypeError, "occurrences go in 32- or 64-bit items");
        goto done;
    }
    if (position_bits < 1 || position_bits > 40) {
        PyErr_SetString(PyExc_ValueError, "position bits out of range");
        goto done;
    }
    if (take_varint(&r, &n) < 0) {
        broken("a list's length is cut short");
        goto done;
    }
    if (out.len < (Py_ssize_t)(n * out.itemsize)) {
        PyErr_SetString(PyExc_ValueError, "the array is too small for the list");
        goto done;
    }
    uint64_t place = 0, position = 0;
    for (Py_ssize_t start = 0; start < (Py_ssize_t)n; start += BLOCK) {
        Py_ssize_t size = (Py_ssize_t)n - start < BLOCK ? (Py_ssize_t)n - start : BLOCK;
        if (take_block(&r, size, gaps, steps) < 0) goto done;
        if (!start) position = (uint64_t)-1;  /* so that the first occurrence's position is its step */
        uint64_t values[BLOCK];
        for (Py_ssize_t i = 0; i < size; i++) {
            place += gaps[i];
            uint64_t same = (uint64_t)0 - (gaps[i] == 0); /* all ones in the same record: no branch to mispredict */
            position = ((position + 1) & same) + steps[i];
            values[i] = place << position_bits | position;
        }
        if (out.itemsize == 4)
            for (Py_ssize_t i = 0; i < size; i++) ((uint32_t *)out.buf)[start + i] = (uint32_t)values[i];
        else
            memcpy((uint64_t *)out.buf + start, values, size * sizeof(uint64_t));
    }
    result = PyLong_FromSsize_t((Py_ssize_t)n);
done:
    PyBuffer_Release(&data);
    PyBuffer_Release(&out);
    return result;
}

/* length(data) -> the number of entries of the list that `data` starts with */
static PyObject *length(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer data;
    if (!PyArg_ParseTuple(args, "y*", &data)) return NULL;
    Reader r = {data.buf, (const uint8_t *)data.buf + data.len};
    uint64_t n;
    int failed = take_varint(&r, &n);
    PyBuffer_Release(&data);
    if (failed < 0 || n > PY_SSIZE_T_MAX / 8) {
        broken("a list's length is cut short");
        return NULL;
    }
    return PyLong_FromUnsignedLongLong(n);
}

/* -- phrases ------------------------------------------------------------------------------------------- */

/* follows(first, second, offset, out) -> n: the values v of `first` such that v + offset is in `second`
 * (both sorted, of the same 32- or 64-bit unsigned items), written to the start of `out` (as large as
 * `first`), in order: one pass over both, where NumPy needs a sort of the two joined. */
static PyObject *follows(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *first_object, *second_object, *out_object;
    unsigned long long offset;
    if (!PyArg_ParseTuple(args, "OOKO", &first_object, &second_object, &offset, &out_object)) return NULL;
    Py_buffer first, second, out;
    if (get_buffer(first_object, &first, 0, 0, "first") < 0) return NULL;
    Py_ssize_t size = first.itemsize;
    if (get_buffer(second_object, &second, 0, size, "second") < 0) {
        PyBuffer_Release(&first);
        return NULL;
    }
    if (get_buffer(out_object, &out, 1, size, "out") < 0) {
        PyBuffer_Release(&first);
        PyBuffer_Release(&second);
        return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t n = items(&first), m = items(&second), found = 0;
    if ((size != 4 && size != 8) || items(&out) < n) {
        PyErr_SetString(PyExc_ValueError, "follows: 32- or 64-bit items, and room for the first array");
        goto done;
    }
    if (size == 4) {
        const uint32_t *a = first.buf, *b = second.buf;
        uint32_t *o = out.buf;
        Py_ssize_t j = 0;
        for (Py_ssize_t i = 0; i < n && j < m; i++) {
            uint64_t wanted = (uint64_t)a[i] + offset;
            while (j < m && b[j] < wanted) j++;
            if (j < m && b[j] == wanted) o[found++] = a[i];
        }
    } else {
        const uint64_t *a = first.buf, *b = second.buf;
        uint64_t *o = out.buf;
        Py_ssize_t j = 0;
        for (Py_ssize_t i = 0; i < n && j < m; i++) {
            uint64_t wanted = a[i] + offset;
            while (j < m && b[j] < wanted) j++;
            if (j < m && b[j] == wanted) o[found++] = a[i];
        }
    }
    result = PyLong_FromSsize_t(found);
done:
    PyBuffer_Release(&first);
    PyBuffer_Release(&second);
    PyBuffer_Release(&out);
    return result;
}

/* add_places(occurrences, position_bits, records, frequencies): add 1 to `frequencies` (float32, by record
 * id) at the record of each occurrence (32- or 64-bit place << position_bits | position; `records`: int32
 * record id by place). */
static PyObject *add_places(PyObject *self, PyObject *args) {
    (void)self;
    Py_buffer occurrences, records, frequencies;
    int position_bits;
    if (!PyArg_ParseTuple(args, "y*iy*w*", &occurrences, &position_bits, &records, &frequencies)) return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = occurrences.itemsize ? occurrences.len / occurrences.itemsize : 0;
    Py_ssize_t places = records.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t size = frequencies.len / (Py_ssize_t)sizeof(float);
    const int32_t *record_of = records.buf;
    float *out = frequencies.buf;
    if (occurrences.itemsize != 4 && occurrences.itemsize != 8) {
        PyErr_SetString(PyExc_TypeError, "occurrences are 32- or 64-bit items");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t value = occurrences.itemsize == 4 ? ((const uint32_t *)occurrences.buf)[i]
                                                   : ((const uint64_t *)occurrences.buf)[i];
        uint64_t place = value >> position_bits;
        if (place >= (uint64_t)places || record_of[place] < 0 || record_of[place] >= size) {
            broken("an occurrence beyond the segment");
            goto done;
        }
        out[record_of[place]] += 1.0f;
    }
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&occurrences);
    PyBuffer_Release(&records);
    PyBuffer_Release(&frequencies);
    return result;
}

/* -- grouping a segment's lists ------------------------------------------------------------------------ */

/* Stable counting sort of `n` indexes by key[index] + offset (keys below `keys`): `sorted` gets `from` (or
 * 0..n-1 when `from` is NULL) in key order. `next` holds keys + 1 entries. */
static void order_by(const int32_t *key, int offset, int32_t keys, const int32_t *from, Py_ssize_t n,
                     int32_t *sorted, Py_ssize_t *next) {
    memset(next, 0, ((size_t)keys + 1) * sizeof(Py_ssize_t));
    for (Py_ssize_t j = 0; j < n; j++) next[key[(from ? from[j] : j) + offset] + 1]++;
    for (int32_t k = 0; k < keys; k++) next[k + 1] += next[k];
    for (Py_ssize_t j = 0; j < n; j++) {
        int32_t index = from ? from[j] : (int32_t)j;
        sorted[next[key[index + offset]]++] = index;
    }
}

static int sums_to(const int64_t *lengths, Py_ssize_t count, Py_ssize_t total) {
    Py_ssize_t sum = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (lengths[i] < 0) return 0;
        sum += (Py_ssize_t)lengths[i];
    }
    return sum == total;
}

/* group(tokens, record_lengths, paragraph_lengths, token_count): what a segment's lists hold, unpacked.
 * `tokens` (int32, each below token_count) are the records' tokens one after the other, `record_lengths`
 * and `paragraph_lengths` (int64) how many each record and each paragraph has. Returns, as bytes:
 *   postings, token by token: each entry's record place and count (int64), and where each token's entries
 *     end (int64, token_count of them);
 *   word pairs (two tokens in a row in one paragraph), in (first, second) order: the first and second
 *     tokens (int32), each occurrence's record place and position in the record (int64), in the record's
 *     order, and where each pair's occurrences end (int64). */
static PyObject *group(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *objects[3];
    Py_ssize_t keys;
    if (!PyArg_ParseTuple(args, "OOOn", &objects[0], &objects[1], &objects[2], &keys)) return NULL;
    Py_buffer views[3];
    if (get_three(objects, views, (const Py_ssize_t[]){4, 8, 8},
                  (const char *const[]){"tokens", "record_lengths", "paragraph_lengths"}) < 0)
        return NULL;
    const int32_t *tokens = views[0].buf;
    const int64_t *lengths = views[1].buf, *paragraphs = views[2].buf;
    Py_ssize_t n = items(&views[0]), records = items(&views[1]), paragraph_count = items(&views[2]);
    PyObject *result = NULL;
    PyObject *out[8] = {NULL};
    int32_t *owner = NULL, *by_token = NULL, *pairs = NULL, *by_pair = NULL;
    uint32_t *position = NULL;
    uint8_t *starts_paragraph = NULL;
    Py_ssize_t *next = NULL;
    if (keys < 0 || keys >= INT32_MAX || n >= INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many tokens for one segment");
        goto done;
    }
    if (!sums_to(lengths, records, n) || !sums_to(paragraphs, paragraph_count, n)) {
        PyErr_SetString(PyExc_ValueError, "the record and paragraph lengths do not add up to the tokens");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (tokens[i] < 0 || tokens[i] >= keys) {
            PyErr_SetString(PyExc_ValueError, "a token outside 0 .. token_count - 1");
            goto done;
        }
    owner = PyMem_Malloc((n + 1) * sizeof(int32_t));
    position = PyMem_Malloc((n + 1) * sizeof(uint32_t));
    by_token = PyMem_Malloc((n + 1) * sizeof(int32_t));
    pairs = PyMem_Malloc((n + 1) * sizeof(int32_t));
    by_pair = PyMem_Malloc((n + 1) * sizeof(int32_t));
    starts_paragraph = PyMem_Calloc(n + 1, 1);
    next = PyMem_Malloc(((size_t)keys + 1) * sizeof(Py_ssize_t));
    out[0] = PyBytes_FromStringAndSize(NULL, n * 8);  /* posting places */
    out[1] = PyBytes_FromStringAndSize(NULL, n * 8);  /* posting counts */
    out[2] = PyBytes_FromStringAndSize(NULL, keys * 8);  /* posting ends */
    out[3] = PyBytes_FromStringAndSize(NULL, n * 4);  /* pair firsts */
    out[4] = PyBytes_FromStringAndSize(NULL, n * 4);  /* pair seconds */
    out[5] = PyBytes_FromStringAndSize(NULL, n * 8);  /* occurrence places */
    out[6] = PyBytes_FromStringAndSize(NULL, n * 8);  /* occurrence positions */
    out[7] = PyBytes_FromStringAndSize(NULL, n * 8);  /* pair ends */
    for (int k = 0; k < 8; k++)
        if (!out[k]) goto done;
    if (!owner || !position || !by_token || !pairs || !by_pair || !starts_paragraph || !next) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t i = 0;
    for (Py_ssize_t record = 0; record < records; record++)
        for (int64_t at = 0; at < lengths[record]; at++, i++) {
            owner[i] = (int32_t)record;
            position[i] = (uint32_t)at;
        }
    starts_paragraph[n] = 1;
    i = 0;
    for (Py_ssize_t paragraph = 0; paragraph < paragraph_count; i += (Py_ssize_t)paragraphs[paragraph++])
        starts_paragraph[i] = 1;

    /* postings: the occurrences by token, then runs of one record */
    order_by(tokens, 0, (int32_t)keys, NULL, n, by_token, next);
    int64_t *places = (int64_t *)PyBytes_AS_STRING(out[0]), *counts = (int64_t *)PyBytes_AS_STRING(out[1]);
    int64_t *token_ends = (int64_t *)PyBytes_AS_STRING(out[2]);
    Py_ssize_t entries = 0, from = 0;
    for (int32_t token = 0; token < keys; token++) {
        Py_ssize_t to = next[token];  /* (order_by left each key's end there) */
        for (Py_ssize_t j = from; j < to; j++) {
            int32_t place = owner[by_token[j]];
            if (j == from || place != places[entries - 1]) {
                places[entries] = place;
                counts[entries++] = 1;
            } else {
                counts[entries - 1]++;
            }
        }
        token_ends[token] = entries;
        from = to;
    }

    /* word pairs: the occurrences by second token, then (stably) by first */
    Py_ssize_t pair_count = 0;
    for (i = 0; i + 1 < n; i++)
        if (!starts_paragraph[i + 1]) pairs[pair_count++] = (int32_t)i;
    order_by(tokens, 1, (int32_t)keys, pairs, pair_count, by_token, next);
    order_by(tokens, 0, (int32_t)keys, by_token, pair_count, by_pair, next);
    int32_t *firsts = (int32_t *)PyBytes_AS_STRING(out[3]), *seconds = (int32_t *)PyBytes_AS_STRING(out[4]);
    int64_t *occurrence_places = (int64_t *)PyBytes_AS_STRING(out[5]);
    int64_t *occurrence_positions = (int64_t *)PyBytes_AS_STRING(out[6]);
    int64_t *pair_ends = (int64_t *)PyBytes_AS_STRING(out[7]);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t j = 0; j < pair_count; j++) {
        int32_t at = by_pair[j];
        if (!distinct || tokens[at] != firsts[distinct - 1] || tokens[at + 1] != seconds[distinct - 1]) {
            firsts[distinct] = tokens[at];
            seconds[distinct++] = tokens[at + 1];
        }
        pair_ends[distinct - 1] = j + 1;
        occurrence_places[j] = owner[at];
        occurrence_positions[j] = position[at];
    }
    Py_ssize_t sizes[8] = {entries * 8, entries * 8, keys * 8, distinct * 4, distinct * 4,
                           pair_count * 8, pair_count * 8, distinct * 8};
    for (int k = 0; k < 8; k++)
        if (_PyBytes_Resize(&out[k], sizes[k]) < 0) goto done;
    result = PyTuple_Pack(8, out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7]);
done:
    for (int k = 0; k < 8; k++) Py_XDECREF(out[k]);
    PyMem_Free(owner);
    PyMem_Free(position);
    PyMem_Free(by_token);
    PyMem_Free(pairs);
    PyMem_Free(by_pair);
    PyMem_Free(starts_paragraph);
    PyMem_Free(next);
    release(views, 3);
    return result;
}

/* gather(data, ends, order) -> (data, ends): the lists of `data` (list i ending at byte ends[i], int64) one
 * after the other in `order` (int64 list numbers), and where each ends in the result (int64 bytes). */
static PyObject *gather(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *objects[3];
    if (!PyArg_ParseTuple(args, "OOO", &objects[0], &objects[1], &objects[2])) return NULL;
    Py_buffer views[3];
    if (get_three(objects, views, (const Py_ssize_t[]){0, 8, 8},
                  (const char *const[]){"data", "ends", "order"}) < 0)
        return NULL;
    Py_buffer *data = &views[0];
    PyObject *result = NULL, *out = NULL, *out_ends = NULL;
    const int64_t *list_ends = views[1].buf, *lists = views[2].buf;
    Py_ssize_t count = items(&views[1]), wanted = items(&views[2]), total = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        if (list_ends[i] < (i ? list_ends[i - 1] : 0) || list_ends[i] > data->len) {
            PyErr_SetString(PyExc_ValueError, "the list ends are not in order");
            goto done;
        }
    for (Py_ssize_t i = 0; i < wanted; i++) {
        if (lists[i] < 0 || lists[i] >= count) {
            PyErr_SetString(PyExc_ValueError, "a list number outside the lists");
            goto done;
        }
        total += list_ends[lists[i]] - (lists[i] ? list_ends[lists[i] - 1] : 0);
    }
    out = PyBytes_FromStringAndSize(NULL, total);
    out_ends = PyBytes_FromStringAndSize(NULL, wanted * 8);
    if (!out || !out_ends) goto done;
    char *at = PyBytes_AS_STRING(out);
    int64_t *new_ends = (int64_t *)PyBytes_AS_STRING(out_ends);
    for (Py_ssize_t i = 0; i < wanted; i++) {
        int64_t start = lists[i] ? list_ends[lists[i] - 1] : 0, end = list_ends[lists[i]];
        memcpy(at, (const char *)data->buf + start, (size_t)(end - start));
        at += end - start;
        new_ends[i] = at - PyBytes_AS_STRING(out);
    }
    result = PyTuple_Pack(2, out, out_ends);
done:
    Py_XDECREF(out);
    Py_XDECREF(out_ends);
    release(views, 3);
    return result;
}

static PyMethodDef methods[] = {
    {"pack_postings", pack_postings, METH_VARARGS,
     "pack_postings(records, counts, ends) -> (data, byte ends): lists of rising int64 records (minus the "
     "segment's base) and their int64 counts, each list ending at `ends` (int64)"},
    {"unpack_postings", unpack_postings, METH_VARARGS,
     "unpack_postings(data, base, records, counts) -> n: one list into int32 records and float32 counts"},
    {"add_postings", add_postings, METH_VARARGS,
     "add_postings(data, base, frequencies) -> n: one list's counts added to float32 frequencies by record"},
    {"pack_pairs", pack_pairs, METH_VARARGS,
     "pack_pairs(places, positions, ends) -> (data, byte ends): lists of occurrences (int64), each in "
     "place then position order"},
    {"unpack_pairs", unpack_pairs, METH_VARARGS,
     "unpack_pairs(data, position_bits, out) -> n: one list as place << position_bits | position"},
    {"length", length, METH_VARARGS, "length(data) -> the number of entries of the list that data starts with"},
    {"add_places", add_places, METH_VARARGS,
     "add_places(occurrences, position_bits, records, frequencies): 1 added at each occurrence's record"},
    {"follows", follows, METH_VARARGS,
     "follows(first, second, offset, out) -> n: the values of first whose value + offset is in second"},
    {"gather", gather, METH_VARARGS,
     "gather(data, ends, order) -> (data, ends): the lists one after the other in `order` (int64)"},
    {"group", group, METH_VARARGS,
     "group(tokens, record_lengths, paragraph_lengths, token_count) -> a segment's postings and word pairs, "
     "unpacked (see the C source)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_packed", "Bit-packed lists of the search index.", -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__packed(void) { return PyModule_Create(&module); }
