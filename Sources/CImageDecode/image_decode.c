// PNG and JPEG decoding for avatars, with libpng and libjpeg(-turbo) from Debian.
// This is C because libjpeg reports errors by longjmp from a callback, which Swift can't
// catch; the default handler would print to the terminal and exit the console.
#include "roster_image.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static void set_message(roster_image *out, const char *message) {
    snprintf(out->message, sizeof out->message, "%s", message);
}

// Records the image's own size; false (with why) when a side is empty or over the limit,
// decided from the header before any pixel is decoded.
static int fits(roster_image *out, uint32_t width, uint32_t height, uint32_t max_side) {
    out->width = width;
    out->height = height;
    if (width > 0 && height > 0 && width <= max_side && height <= max_side) return 1;
    snprintf(out->message, sizeof out->message, "the image is %ux%u pixels; at most %ux%u is accepted",
             width, height, max_side, max_side);
    return 0;
}

static int decode_png(const uint8_t *data, size_t length, uint32_t max_side, roster_image *out) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, length)) {
        set_message(out, image.message);
        png_image_free(&image);
        return 1;
    }
    if (!fits(out, image.width, image.height, max_side)) {
        png_image_free(&image);
        return 2;
    }
    image.format = PNG_FORMAT_RGBA;
    uint8_t *pixels = malloc(PNG_IMAGE_SIZE(image));
    if (pixels == NULL) {
        set_message(out, "out of memory");
        png_image_free(&image);
        return 3;
    }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        set_message(out, image.message);
        free(pixels);
        png_image_free(&image);
        return 1;
    }
    out->decoded_width = image.width;
    out->decoded_height = image.height;
    out->rgba = pixels;
    return 0;
}

struct jpeg_failure {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

// A progressive JPEG may repeat scans thousands of times in under 500 KB, each a full pass
// over the image (seconds of CPU): refused past this many, as turbojpeg's own limit does.
enum { max_scans = 100 };
// libjpeg's working memory, whatever the file claims.
enum { max_memory = 64 * 1024 * 1024 };

static void jpeg_fail(j_common_ptr info) {
    struct jpeg_failure *failure = (struct jpeg_failure *)info->err;
    (*info->err->format_message)(info, failure->message);
    longjmp(failure->jump, 1);
}

// Warnings (a truncated or corrupt file) would otherwise go to stderr, over the console; the
// first is kept, and any warning refuses the file: a damaged image is not an avatar.
static void jpeg_note(j_common_ptr info, int level) {
    struct jpeg_failure *failure = (struct jpeg_failure *)info->err;
    if (level >= 0) return;
    if (failure->manager.num_warnings++ == 0) (*info->err->format_message)(info, failure->message);
}

static void jpeg_progress(j_common_ptr info) {
    if (!info->is_decompressor || ((j_decompress_ptr)info)->input_scan_number <= max_scans) return;
    struct jpeg_failure *failure = (struct jpeg_failure *)info->err;
    snprintf(failure->message, sizeof failure->message, "more than %d progressive scans", max_scans);
    longjmp(failure->jump, 1);
}

static int decode_jpeg(const uint8_t *data, size_t length, uint32_t max_side, uint32_t wanted_side, roster_image *out) {
    struct jpeg_decompress_struct info;
    struct jpeg_failure failure;
    struct jpeg_progress_mgr progress;
    // Freed by the failure path too, so they live in volatile slots across setjmp.
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile rows = NULL;
    memset(&info, 0, sizeof info);
    memset(&failure, 0, sizeof failure);
    memset(&progress, 0, sizeof progress);
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_note;
    progress.progress_monitor = jpeg_progress;
    if (setjmp(failure.jump)) {
        set_message(out, failure.message);
        jpeg_destroy_decompress(&info);
        free(rows);
        free(pixels);
        return 1;
    }
    jpeg_create_decompress(&info);
    info.progress = &progress;
    info.mem->max_memory_to_use = max_memory;
    jpeg_mem_src(&info, (unsigned char *)data, (unsigned long)length);
    jpeg_read_header(&info, TRUE);
    if (!fits(out, info.image_width, info.image_height, max_side)) {
        jpeg_destroy_decompress(&info);
        return 2;
    }
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        set_message(out, "a CMYK JPEG (for print); save it as RGB");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    unsigned int denominator = 1;
    while (denominator < 8 && info.image_width / (denominator * 2) >= wanted_side
           && info.image_height / (denominator * 2) >= wanted_side) {
        denominator *= 2;
    }
    info.scale_num = 1;
    info.scale_denom = denominator;
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    size_t row_bytes = (size_t)info.output_width * 3;
    rows = malloc(row_bytes * info.output_height);
    pixels = malloc((size_t)info.output_width * info.output_height * 4);
    if (rows == NULL || pixels == NULL) {
        free(rows);
        set_message(out, "out of memory");
        jpeg_destroy_decompress(&info);
        free(pixels);
        return 3;
    }
    uint8_t *scratch = rows;
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = scratch + (size_t)info.output_scanline * row_bytes;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    if (failure.manager.num_warnings > 0) {
        set_message(out, failure.message);
        jpeg_destroy_decompress(&info);
        free(rows);
        rows = NULL;
        free(pixels);
        return 1;
    }
    for (size_t i = 0, n = (size_t)info.output_width * info.output_height; i < n; i++) {
        pixels[i * 4] = scratch[i * 3];
        pixels[i * 4 + 1] = scratch[i * 3 + 1];
        pixels[i * 4 + 2] = scratch[i * 3 + 2];
        pixels[i * 4 + 3] = 255;
    }
    free(scratch);
    rows = NULL;
    out->decoded_width = info.output_width;
    out->decoded_height = info.output_height;
    out->rgba = pixels;
    jpeg_destroy_decompress(&info);
    return 0;
}

// PNG_IMAGE_SIZE computes in 32 bits: sides past this would overflow it.
enum { largest_side = 4096 };
_Static_assert((unsigned long long)largest_side * largest_side * 4 < 0xffffffffull, "PNG_IMAGE_SIZE would overflow");

int roster_image_decode(const uint8_t *data, size_t length, uint32_t max_side, uint32_t wanted_side, roster_image *out) {
    memset(out, 0, sizeof *out);
    if (max_side > largest_side) max_side = largest_side;
    if (length >= 8 && memcmp(data, png_signature, 8) == 0) {
        out->kind = 1;
        return decode_png(data, length, max_side, out);
    }
    if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) {
        out->kind = 2;
        return decode_jpeg(data, length, max_side, wanted_side, out);
    }
    set_message(out, "not a PNG or JPEG file");
    return 4;
}

void roster_image_free(roster_image *image) {
    free(image->rgba);
    image->rgba = NULL;
}
