# BO_SONAME(VARIABLE, LIBS, FUNCTION, NAME-PATTERN)
# -------------------------------------------------------------------------
# The SONAME under which the linker records a library (so the program can
# dlopen the very library it was compiled against): links a call to
# FUNCTION with LIBS and reads the DT_NEEDED entry matching the grep
# pattern NAME-PATTERN from the result.  Defines VARIABLE as a C string in
# config.h; fails when there is none.
AC_DEFUN([BO_SONAME], [
  AC_CHECK_TOOL([OBJDUMP], [objdump], [false])
  AC_CACHE_CHECK([for the SONAME of $3's library], [bo_cv_soname_$1], [
    bo_soname_save_LIBS=$LIBS
    LIBS="$2 $LIBS"
    bo_cv_soname_$1=
    AC_LINK_IFELSE([AC_LANG_CALL([], [$3])],
      [bo_cv_soname_$1=`$OBJDUMP -p conftest$EXEEXT 2>/dev/null |
        sed -n 's/^ *NEEDED  *//p' | grep -E '$4' | sed 1q`])
    LIBS=$bo_soname_save_LIBS])
  AS_IF([test -z "$bo_cv_soname_$1"],
    [AC_MSG_ERROR([cannot find the SONAME of the library of $3 (objdump: $OBJDUMP)])])
  AC_DEFINE_UNQUOTED([$1], ["$bo_cv_soname_$1"],
    [SONAME of the library that provides $3, loaded with dlopen])
])
