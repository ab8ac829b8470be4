# Learned attention of head 4 on one copy sequence
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-copy-attention.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-copy-attention.png'
set termoption noenhanced
set title 'Learned attention of head 4 on one copy sequence' font ',15'
set xlabel 'key position: symbol'
set ylabel 'query position: symbol'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set key off
set grid noxtics noytics
set xrange [-0.5:15.5]
set yrange [15.5:-0.5]
set tics scale 0
set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')
set cbrange [0:1]
set xtics ('0:12' 0, '1:12' 1, '2:2' 2, '3:4' 3, '4:14' 4, '5:13' 5, '6:10' 6, '7:13' 7, '8:|' 8, '9:12' 9, '10:12' 10, '11:2' 11, '12:4' 12, '13:14' 13, '14:13' 14, '15:10' 15) rotate by -45
set ytics ('0:12' 0, '1:12' 1, '2:2' 2, '3:4' 3, '4:14' 4, '5:13' 5, '6:10' 6, '7:13' 7, '8:|' 8, '9:12' 9, '10:12' 10, '11:2' 11, '12:4' 12, '13:14' 13, '14:13' 14, '15:10' 15)
plot '02-attention-copy-attention.dat' matrix with image notitle
