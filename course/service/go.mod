module gostep.course/service

go 1.27
